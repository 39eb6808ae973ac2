#pragma once

#include "core/deployoperation.h"

#include <QAbstractTableModel>

namespace Ui {

// Per-table progress of a deployment: table, operation, state, progress (%), ETA. Updates from polling
// change rows in place when the same tables come back, so progress bars move instead of flickering.
class DeploymentProgressModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TableColumn, OperationColumn, StateColumn, ProgressColumn, EtaColumn, ColumnCount };
    static constexpr int ProgressRole = Qt::UserRole + 1; // int 0..100, on every column

    explicit DeploymentProgressModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Returns true when anything visible changed.
    bool setOperations(const QList<Core::DeployOperation> &operations);
    void clear();
    int overallProgress() const; // mean of the tables, 0..100
    const Core::DeployOperation &operation(int row) const { return m_operations.at(row); }

    static int progressOf(const Core::DeployOperation &operation);
    // Every row copied, the table waits (kept in sync) for the cutover: still "in_progress" on the wire.
    static bool isCopied(const Core::DeployOperation &operation);
    static QString etaText(std::optional<double> seconds);

private:
    QList<Core::DeployOperation> m_operations;
};

} // namespace Ui
