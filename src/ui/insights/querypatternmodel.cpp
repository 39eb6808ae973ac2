#include "ui/insights/querypatternmodel.h"

#include "core/patternsql.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString milliseconds(double ms)
{
    if (ms >= 1000)
        return QLocale().toString(ms / 1000, 'f', 2) + u" s"_s;
    return QLocale().toString(ms, 'f', ms < 10 ? 2 : 1) + u" ms"_s;
}

} // namespace

QueryPatternModel::QueryPatternModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void QueryPatternModel::setPatterns(QList<Core::QueryPattern> patterns)
{
    beginResetModel();
    m_patterns = std::move(patterns);
    m_shown.clear();
    m_shown.reserve(m_patterns.size());
    for (const Core::QueryPattern &p : std::as_const(m_patterns))
        m_shown.append(Core::PatternSql::readable(p.normalizedSql));
    rebuildRows();
    endResetModel();
}

void QueryPatternModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    rebuildRows();
    endResetModel();
}

void QueryPatternModel::rebuildRows()
{
    m_rows.clear();
    m_rows.reserve(size_t(m_patterns.size()));
    for (qsizetype i = 0; i < m_patterns.size(); ++i) {
        const Core::QueryPattern &p = m_patterns.at(i);
        // The text as shown and as the server sent it: a filter copied from either finds the pattern.
        if (m_filter.isEmpty() || p.normalizedSql.contains(m_filter, Qt::CaseInsensitive)
            || m_shown.at(i).contains(m_filter, Qt::CaseInsensitive)
            || p.tables.contains(m_filter, Qt::CaseInsensitive))
            m_rows.push_back(int(i));
    }
    sortRows();
}

double QueryPatternModel::number(const Core::QueryPattern &p, int column) const
{
    switch (column) {
    case CountColumn:
        return double(p.queryCount);
    case TotalColumn:
        // The integer milliseconds tie fast patterns; count × mean keeps their order.
        return p.timePerQueryMs * double(p.queryCount);
    case AverageColumn:
        return p.timePerQueryMs;
    case P50Column:
        return p.p50LatencyMs;
    case P99Column:
        return p.p99LatencyMs;
    case RowsReadColumn:
        return double(p.rowsRead);
    case RowsReturnedColumn:
        return double(p.rowsReturned);
    case ReadPerReturnedColumn:
        return p.rowsReadPerReturned;
    case ErrorsColumn:
        return double(p.errorCount);
    case LastRunColumn:
        return p.lastRunAt.isValid() ? double(p.lastRunAt.toMSecsSinceEpoch()) : 0;
    default:
        return 0;
    }
}

void QueryPatternModel::sortRows()
{
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const auto byFingerprint
        = [this](int a, int b) { return m_patterns.at(a).fingerprint < m_patterns.at(b).fingerprint; };
    if (m_sortColumn == QueryColumn) {
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
            const int c
                = QString::compare(m_patterns.at(a).normalizedSql, m_patterns.at(b).normalizedSql, Qt::CaseInsensitive);
            return c != 0 ? (descending ? c > 0 : c < 0) : byFingerprint(a, b);
        });
        return;
    }
    // One key per pattern, computed once: the comparisons then touch plain doubles.
    std::vector<double> keys(size_t(m_patterns.size()));
    for (int row : m_rows)
        keys[size_t(row)] = number(m_patterns.at(row), m_sortColumn);
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
        const double ka = keys[size_t(a)];
        const double kb = keys[size_t(b)];
        if (ka != kb)
            return descending ? ka > kb : ka < kb;
        return byFingerprint(a, b);
    });
}

void QueryPatternModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> oldRows;
    oldRows.reserve(size_t(before.size()));
    for (const QModelIndex &index : before)
        oldRows.push_back(m_rows.at(size_t(index.row())));
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows();
    if (!before.isEmpty()) {
        std::vector<int> rowOf(size_t(m_patterns.size()), -1);
        for (size_t r = 0; r < m_rows.size(); ++r)
            rowOf[size_t(m_rows[r])] = int(r);
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i)
            after.append(index(rowOf[size_t(oldRows[size_t(i)])], before.at(i).column()));
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int QueryPatternModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueryPatternModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryPatternModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Core::QueryPattern &p = pattern(index.row());
    const QString &shown = m_shown.at(qsizetype(m_rows.at(size_t(index.row()))));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case QueryColumn:
            return shown.simplified(); // one line in the grid
        case CountColumn:
            return QLocale().toString(p.queryCount);
        case TotalColumn:
            return milliseconds(p.timePerQueryMs * double(p.queryCount));
        case AverageColumn:
            return milliseconds(p.timePerQueryMs);
        case P50Column:
            return milliseconds(p.p50LatencyMs);
        case P99Column:
            return milliseconds(p.p99LatencyMs);
        case RowsReadColumn:
            return QLocale().toString(p.rowsRead);
        case RowsReturnedColumn:
            return QLocale().toString(p.rowsReturned);
        case ReadPerReturnedColumn:
            return QLocale().toString(p.rowsReadPerReturned, 'f', 1);
        case ErrorsColumn:
            return QLocale().toString(p.errorCount);
        case LastRunColumn:
            return p.lastRunAt.isValid() ? QLocale().toString(p.lastRunAt.toLocalTime(), QLocale::ShortFormat)
                                         : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return column == QueryColumn ? shown : QVariant();
    case Qt::TextAlignmentRole:
        return column == QueryColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case SortRole:
        return column == QueryColumn ? QVariant(p.normalizedSql) : QVariant(number(p, column));
    case SqlRole:
        return p.normalizedSql;
    case FingerprintRole:
        return p.fingerprint;
    default:
        return {};
    }
}

QVariant QueryPatternModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The first click on a figure's header puts the largest first: what Insights is opened for.
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole)
        return section == QueryColumn ? Qt::AscendingOrder : Qt::DescendingOrder;
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case QueryColumn:
        return tr("Query");
    case CountColumn:
        return tr("Count");
    case TotalColumn:
        return tr("Total time");
    case AverageColumn:
        return tr("Avg time");
    case P50Column:
        return tr("p50");
    case P99Column:
        return tr("p99");
    case RowsReadColumn:
        return tr("Rows read");
    case RowsReturnedColumn:
        return tr("Rows returned");
    case ReadPerReturnedColumn:
        return tr("Read / returned");
    case ErrorsColumn:
        return tr("Errors");
    case LastRunColumn:
        return tr("Last run");
    default:
        return {};
    }
}

} // namespace Ui
