#pragma once

#include "store/history.h"

#include <QAbstractTableModel>

namespace Ui {

// History entries as a table: time, target, statement (one line), duration, rows, error.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, TargetColumn, StatementColumn, DurationColumn, RowsColumn, ErrorColumn, ColumnCount };
    enum Role { EntryIdRole = Qt::UserRole + 1, FullTextRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(QList<Store::HistoryEntry> entries);
    const Store::HistoryEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Store::HistoryEntry> m_entries;
};

} // namespace Ui
