#pragma once

#include "core/querypattern.h"

#include <QAbstractTableModel>
#include <QList>

#include <vector>

namespace Ui {

// The query patterns of one branch as a table: sorted and filtered here, on an index vector over the
// patterns, so a thousand patterns re-sort without copying them or building a QVariant per comparison.
class QueryPatternModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        QueryColumn,
        CountColumn,
        TotalColumn,
        AverageColumn,
        P50Column,
        P99Column,
        RowsReadColumn,
        RowsReturnedColumn,
        ReadPerReturnedColumn,
        ErrorsColumn,
        LastRunColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, SqlRole, FingerprintRole };

    explicit QueryPatternModel(QObject *parent = nullptr);

    void setPatterns(QList<Core::QueryPattern> patterns);
    const Core::QueryPattern &pattern(int row) const { return m_patterns.at(qsizetype(m_rows.at(size_t(row)))); }
    int totalCount() const { return int(m_patterns.size()); }
    // Case-insensitive substring of the normalized SQL or a table name; empty shows every pattern.
    void setFilterText(const QString &text);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void rebuildRows();
    void sortRows();
    double number(const Core::QueryPattern &p, int column) const;

    QList<Core::QueryPattern> m_patterns;
    QStringList m_shown; // each pattern's SQL as shown (PatternSql::readable), made once per list
    std::vector<int> m_rows; // visible patterns, in display order
    QString m_filter;
    int m_sortColumn = TotalColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace Ui
