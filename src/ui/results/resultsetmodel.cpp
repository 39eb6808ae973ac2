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
    m_rows = Core::ResultChunks(columns);
    m_lastChunk = 0;
    m_visibleRows = 0;
    m_order.reset();
    m_sinceFlush.invalidate();
    endResetModel();
    Q_EMIT resultStarted();
}

void ResultSetModel::setResultSet(const Core::ResultSet &rows)
{
    setColumns(rows.columns());
    if (rows.isEmpty())
        return;
    beginResetModel();
    m_rows.append(rows);
    // A view's row is an int; cap what views see (2^31 rows are far beyond any memory cap anyway).
    m_visibleRows = int(qMin<qsizetype>(m_rows.rowCount(), std::numeric_limits<int>::max()));
    endResetModel();
    Q_EMIT rowsFlushed(m_rows.rowCount());
}

const Core::ResultSet &ResultSetModel::chunkFor(qsizetype row, qsizetype *localRow) const
{
    m_lastChunk = m_rows.chunkOf(row, m_lastChunk);
    *localRow = row - m_rows.chunkStart(m_lastChunk);
    return m_rows.chunk(m_lastChunk);
}

void ResultSetModel::appendBatch(const Core::ResultSet &batch)
{
    if (!m_rows.append(batch)) // shared, not copied
        return;
    if (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() >= m_flushInterval)
        flush(); // first rows (or a quiet period): show at once
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(int(qMax<qint64>(1, m_flushInterval - m_sinceFlush.elapsed())));
}

void ResultSetModel::flush()
{
    m_flushTimer.stop();
    const int total = int(qMin<qsizetype>(m_rows.rowCount(), std::numeric_limits<int>::max()));
    if (total <= m_visibleRows)
        return;
    if (m_order) {
        m_visibleRows = total; // the view shows the order; the arranger folds these rows in
    } else {
        beginInsertRows({}, m_visibleRows, total - 1);
        m_visibleRows = total;
        endInsertRows();
    }
    m_sinceFlush.start();
    Q_EMIT rowsFlushed(m_rows.rowCount());
}

void ResultSetModel::clear()
{
    setColumns({});
}

int ResultSetModel::sourceRow(int viewRow) const
{
    return m_order ? int((*m_order)[size_t(viewRow)]) : viewRow;
}

int ResultSetModel::viewRow(qsizetype sourceRow) const
{
    if (!m_order)
        return sourceRow >= 0 && sourceRow < m_visibleRows ? int(sourceRow) : -1;
    const auto it = std::find(m_order->begin(), m_order->end(), quint32(sourceRow));
    return it == m_order->end() ? -1 : int(it - m_order->begin());
}

void ResultSetModel::setOrder(Order order, OrderChange change)
{
    const int count = order ? int(qMin<size_t>(order->size(), std::numeric_limits<int>::max())) : m_visibleRows;
    if ((change == OrderChange::Reorder && count != rowCount()) || (change == OrderChange::Grow && count < rowCount()))
        change = OrderChange::Reset;
    switch (change) {
    case OrderChange::Reset:
        beginResetModel();
        m_order = std::move(order);
        endResetModel();
        return;
    case OrderChange::Reorder:
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        remapPersistentIndexes(order);
        m_order = std::move(order);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        return;
    case OrderChange::Grow:
        growTo(std::move(order));
        return;
    }
}

// Grow = insert the new rows at the end, then move every row to its place (a layout change), so views keep
// their scroll position and persistent indexes follow their rows.
void ResultSetModel::growTo(Order order)
{
    const size_t received = size_t(m_rows.rowCount());
    std::vector<quint8> shown(received, 0);
    auto middle = std::make_shared<std::vector<quint32>>();
    middle->reserve(order ? order->size() : size_t(m_visibleRows));
    for (int v = 0; v < rowCount(); ++v) {
        const auto row = quint32(sourceRow(v));
        middle->push_back(row);
        shown[row] = 1;
    }
    const size_t target = order ? order->size() : size_t(m_visibleRows);
    for (size_t i = 0; i < target; ++i) {
        const quint32 row = order ? (*order)[i] : quint32(i);
        if (!shown[row])
            middle->push_back(row);
    }
    if (middle->size() != target) { // the old rows are not all in the new order
        setOrder(std::move(order), OrderChange::Reset);
        return;
    }
    if (int(target) > rowCount()) {
        beginInsertRows({}, rowCount(), int(target) - 1);
        m_order = middle;
        endInsertRows();
    }
    if (order && *middle == *order) {
        m_order = std::move(order);
        return;
    }
    setOrder(std::move(order), OrderChange::Reorder);
}

void ResultSetModel::remapPersistentIndexes(const Order &next)
{
    const QModelIndexList from = persistentIndexList();
    if (from.isEmpty())
        return;
    constexpr quint32 Hidden = std::numeric_limits<quint32>::max();
    std::vector<quint32> viewOf(size_t(m_rows.rowCount()), Hidden); // source row -> new view row
    const size_t count = next ? next->size() : size_t(m_visibleRows);
    for (size_t v = 0; v < count; ++v)
        viewOf[next ? (*next)[v] : v] = quint32(v);
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        const quint32 v = index.isValid() ? viewOf[size_t(sourceRow(index.row()))] : Hidden;
        to.append(v == Hidden ? QModelIndex() : createIndex(int(v), index.column()));
    }
    changePersistentIndexList(from, to);
}

Core::ResultSet ResultSetModel::extract(const QList<int> &rows, const QList<int> &columns) const
{
    QList<Core::ColumnInfo> infos;
    infos.reserve(columns.size());
    for (int c : columns)
        infos.append(m_rows.columns().at(c));
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
    if (parent.isValid())
        return 0;
    return m_order ? int(qMin<size_t>(m_order->size(), std::numeric_limits<int>::max())) : m_visibleRows;
}

int ResultSetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.columnCount());
}

QString ResultSetModel::displayText(const Core::ResultSet &chunk, qsizetype row, int column) const
{
    const auto &info = m_rows.columns().at(column);
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
    const int source = sourceRow(index.row());
    const Core::ResultSet &rows = chunkFor(source, &row);
    const int column = index.column();
    const auto &info = m_rows.columns().at(column);
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
    case SourceRowRole:
        return source;
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
        if (section < 0 || section >= rowCount())
            return {};
        if (role == Qt::DisplayRole)
            return QString::number(section + 1);
        if (role == Qt::ToolTipRole && m_order)
            return tr("Row %1 of the result as received").arg(QLocale().toString(sourceRow(section) + 1));
        if (role == SourceRowRole)
            return sourceRow(section);
        return {};
    }
    if (section < 0 || section >= m_rows.columnCount())
        return {};
    const auto &info = m_rows.columns().at(section);
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
