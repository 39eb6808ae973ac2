#include "ui/results/resultsetmodel.h"

#include <QLocale>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

bool isBinaryKind(Core::ColumnKind kind)
{
    return kind == Core::ColumnKind::Binary || kind == Core::ColumnKind::Bit;
}

// A cell's bytes shown as hex, cut after `limitBytes` bytes, with the size.
QString hexPreview(QByteArrayView bytes, qsizetype limitBytes)
{
    const bool cut = bytes.size() > limitBytes;
    QString text
        = u"0x"_s + QString::fromLatin1(bytes.first(cut ? limitBytes : bytes.size()).toByteArray().toHex().toUpper());
    if (cut)
        text += u"\u2026"_s;
    return text + u" ("_s + QLocale().formattedDataSize(bytes.size(), 1, QLocale::DataSizeTraditionalFormat) + u')';
}

} // namespace

ResultSetModel::ResultSetModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ResultSetModel::flush);
}

void ResultSetModel::setColumns(const QList<Core::ColumnInfo> &columns)
{
    beginResetModel();
    m_flushTimer.stop();
    m_columns = columns;
    m_chunks.clear();
    m_chunkStart.clear();
    m_received = 0;
    m_lastChunk = 0;
    m_visibleRows = 0;
    m_sinceFlush.invalidate();
    endResetModel();
}

void ResultSetModel::setResultSet(const Core::ResultSet &rows)
{
    setColumns(rows.columns());
    if (rows.isEmpty())
        return;
    beginResetModel();
    m_chunks.push_back(rows);
    m_chunkStart.push_back(0);
    m_received = rows.rowCount();
    // A view's row is an int; cap what views see (2^31 rows are far beyond any memory cap anyway).
    m_visibleRows = int(qMin<qsizetype>(m_received, std::numeric_limits<int>::max()));
    endResetModel();
    Q_EMIT rowsFlushed(m_visibleRows);
}

const Core::ResultSet &ResultSetModel::chunkFor(qsizetype row, qsizetype *localRow) const
{
    size_t i = m_lastChunk < m_chunks.size() ? m_lastChunk : 0;
    if (row < m_chunkStart[i] || row >= m_chunkStart[i] + m_chunks[i].rowCount()) {
        const auto it = std::upper_bound(m_chunkStart.cbegin(), m_chunkStart.cend(), row);
        i = size_t(it - m_chunkStart.cbegin()) - 1;
        m_lastChunk = i;
    }
    *localRow = row - m_chunkStart[i];
    return m_chunks[i];
}

void ResultSetModel::appendBatch(const Core::ResultSet &batch)
{
    if (batch.columnCount() != m_columns.size() || batch.isEmpty())
        return;
    m_chunks.push_back(batch); // shared, not copied
    m_chunkStart.push_back(m_received);
    m_received += batch.rowCount();
    if (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() >= m_flushInterval)
        flush(); // first rows (or a quiet period): show at once
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(int(qMax<qint64>(1, m_flushInterval - m_sinceFlush.elapsed())));
}

void ResultSetModel::flush()
{
    m_flushTimer.stop();
    const int total = int(qMin<qsizetype>(m_received, std::numeric_limits<int>::max()));
    if (total <= m_visibleRows)
        return;
    beginInsertRows({}, m_visibleRows, total - 1);
    m_visibleRows = total;
    endInsertRows();
    m_sinceFlush.start();
    Q_EMIT rowsFlushed(m_visibleRows);
}

void ResultSetModel::clear()
{
    setColumns({});
}

Core::ResultSet ResultSetModel::extract(const QList<int> &rows, const QList<int> &columns) const
{
    QList<Core::ColumnInfo> infos;
    infos.reserve(columns.size());
    for (int c : columns)
        infos.append(m_columns.at(c));
    Core::ResultSet out(infos);
    QList<QByteArray> values(columns.size());
    for (int r : rows) {
        qsizetype local = 0;
        const auto &chunk = chunkFor(r, &local);
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (chunk.isNull(local, columns[i])) {
                values[i] = QByteArray();
                continue;
            }
            values[i] = chunk.cellBytes(local, columns[i]);
            if (values[i].isNull())
                values[i] = QByteArray(""); // empty, not NULL
        }
        out.appendRow(values);
    }
    return out;
}

int ResultSetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_visibleRows;
}

int ResultSetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ResultSetModel::displayText(const Core::ResultSet &chunk, qsizetype row, int column) const
{
    const auto &info = m_columns.at(column);
    if (isBinaryKind(info.kind))
        return hexPreview(chunk.cell(row, column), 32);
    const QByteArrayView bytes = chunk.cell(row, column);
    // Decode only what can be shown: a 10 MB TEXT cell must not cost 10 MB per paint.
    const bool cut = bytes.size() > DisplayLimit * 4;
    QString text = QString::fromUtf8(cut ? bytes.first(DisplayLimit * 4) : bytes);
    if (text.size() > DisplayLimit || cut) {
        text.truncate(DisplayLimit);
        text += u"\u2026"_s;
    }
    // One line per cell: show line breaks and tabs as visible symbols.
    if (text.contains(u'\n') || text.contains(u'\r') || text.contains(u'\t'))
        text.replace(u"\r\n"_s, u"\u21b5"_s)
            .replace(u'\n', u'\u21b5')
            .replace(u'\r', u'\u21b5')
            .replace(u'\t', u'\u2192');
    return text;
}

QVariant ResultSetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    qsizetype row = 0;
    const Core::ResultSet &rows = chunkFor(index.row(), &row);
    const int column = index.column();
    const auto &info = m_columns.at(column);
    const bool null = rows.isNull(row, column);

    switch (role) {
    case Qt::DisplayRole:
        return null ? u"NULL"_s : displayText(rows, row, column);
    case Qt::EditRole:
    case FullTextRole:
        if (null)
            return {};
        if (isBinaryKind(info.kind))
            return QString(u"0x"_s + QString::fromLatin1(rows.cellBytes(row, column).toHex().toUpper()));
        return rows.cellText(row, column);
    case Qt::ToolTipRole: {
        if (null)
            return u"NULL"_s;
        const auto bytes = rows.cell(row, column);
        if (isBinaryKind(info.kind))
            return hexPreview(bytes, 256);
        if (bytes.size() > 80 || bytes.contains('\n'))
            return QString::fromUtf8(bytes.first(qMin<qsizetype>(bytes.size(), 4000)));
        return {};
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            Qt::Alignment((info.isNumeric() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    case IsNullRole:
        return null;
    case RawBytesRole:
        return null ? QVariant() : QVariant(rows.cellBytes(row, column));
    case ColumnKindRole:
        return int(info.kind);
    case ByteSizeRole:
        return QVariant::fromValue(rows.cell(row, column).size());
    case SortRole:
        if (null)
            return {};
        if (info.isNumeric())
            return rows.cellText(row, column).toDouble();
        return rows.cellText(row, column);
    default:
        return {};
    }
}

QVariant ResultSetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < m_visibleRows)
            return QString::number(section + 1);
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const auto &info = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return info.name;
    case Qt::ToolTipRole: {
        QString tip = info.name + u" \u2014 "_s + typeName(info);
        if (!info.table.isEmpty())
            tip += u"\n"_s + (info.database.isEmpty() ? QString() : info.database + u'.') + info.table + u'.'
                + (info.originalName.isEmpty() ? info.name : info.originalName);
        return tip;
    }
    case ColumnKindRole:
        return int(info.kind);
    default:
        return {};
    }
}

QString ResultSetModel::typeName(const Core::ColumnInfo &column)
{
    switch (column.kind) {
    case Core::ColumnKind::Integer:
        return u"integer"_s;
    case Core::ColumnKind::UnsignedInteger:
        return u"unsigned integer"_s;
    case Core::ColumnKind::Decimal:
        return u"decimal"_s;
    case Core::ColumnKind::Float:
        return u"floating point"_s;
    case Core::ColumnKind::Date:
        return u"date"_s;
    case Core::ColumnKind::Time:
        return u"time"_s;
    case Core::ColumnKind::DateTime:
        return u"date and time"_s;
    case Core::ColumnKind::Text:
        return u"text"_s;
    case Core::ColumnKind::Binary:
        return u"binary"_s;
    case Core::ColumnKind::Json:
        return u"JSON"_s;
    case Core::ColumnKind::Bit:
        return u"bit"_s;
    case Core::ColumnKind::Other:
        break;
    }
    return u"other"_s;
}

} // namespace Ui
