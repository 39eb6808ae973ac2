#pragma once

#include "core/queryerror.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ui {

// The failures of one branch (list_branch_query_errors) as a table, in the order the server sorted them
// (latest first). Few rows: no sorting of its own.
class QueryErrorModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MessageColumn, CountColumn, AverageColumn, LastColumn, ColumnCount };

    explicit QueryErrorModel(QObject *parent = nullptr);

    void setErrors(QList<Core::QueryError> errors);
    const Core::QueryError &error(int row) const { return m_errors.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Core::QueryError> m_errors;
};

} // namespace Ui
