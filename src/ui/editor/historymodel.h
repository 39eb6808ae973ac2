#pragma once

#include "core/sqlclassifier.h"
#include "store/history.h"

#include <QAbstractTableModel>

namespace Ui {

// History entries as a table: time, target, kind (read, write, schema, …), statement (one line), duration,
// rows, error. Each statement is classified once, when the entries are set.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        TargetColumn,
        KindColumn,
        StatementColumn,
        DurationColumn,
        RowsColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role { EntryIdRole = Qt::UserRole + 1, FullTextRole, KindRole, DestructiveRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(QList<Store::HistoryEntry> entries);
    const Store::HistoryEntry &entry(int row) const { return m_entries.at(row); }
    const Core::StatementClass &statementClass(int row) const { return m_classes.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Store::HistoryEntry> m_entries;
    QList<Core::StatementClass> m_classes;
};

} // namespace Ui
