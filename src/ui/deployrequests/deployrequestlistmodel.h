#pragma once

#include "core/deployrequest.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace Ui {

// Deploy requests of one database: number, branch → into branch, state badge, approval, age.
// Refreshing with the same requests in the same order keeps rows (and the selection) in place.
class DeployRequestListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NumberColumn, BranchColumn, StateColumn, ApprovalColumn, AgeColumn, ColumnCount };
    enum Role { NumberRole = Qt::UserRole + 1, DeploymentStateRole, BranchRole, IntoBranchRole, ApprovedRole };

    explicit DeployRequestListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRequests(const QList<Core::DeployRequest> &requests);
    void updateRequest(const Core::DeployRequest &request); // by number; appended when new
    void clear();
    const Core::DeployRequest &request(int row) const { return m_requests.at(row); }
    int rowOfNumber(qint64 number) const;
    // For tests and the Age column: what "now" is (default: the current time at each call).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    static QString ageText(const QDateTime &from, const QDateTime &now);

private:
    QList<Core::DeployRequest> m_requests;
    std::function<QDateTime()> m_clock;
};

} // namespace Ui
