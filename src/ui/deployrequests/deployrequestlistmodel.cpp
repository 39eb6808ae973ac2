#include "ui/deployrequests/deployrequestlistmodel.h"
#include "ui/common/plural.h"

#include "ui/common/statebadgedelegate.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

DeployRequestListModel::DeployRequestListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int DeployRequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int DeployRequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeployRequestListModel::ageText(const QDateTime &from, const QDateTime &now)
{
    if (!from.isValid())
        return {};
    const qint64 secs = std::max<qint64>(0, from.secsTo(now));
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%n min", nullptr, int(secs / 60));
    if (secs < 86400)
        return tr("%n h", nullptr, int(secs / 3600));
    return tr("%n d", nullptr, int(secs / 86400));
}

QVariant DeployRequestListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::DeployRequest &dr = m_requests.at(index.row());
    const QString stateName = dr.deploymentStateName.isEmpty() ? dr.state : dr.deploymentStateName;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return QString(u"#"_s + QString::number(dr.number));
        case BranchColumn:
            return QString(dr.branch + u" → "_s + dr.intoBranch);
        case StateColumn:
            return dr.state == u"closed"_s && !dr.deployedAt.isValid() ? tr("closed")
                                                                       : QString(stateName).replace(u'_', u' ');
        case ApprovalColumn:
            if (dr.approved)
                return tr("approved");
            return dr.numComments > 0 ? countText(dr.numComments, tr("1 comment"), tr("%n comments")) : tr("no review");
        case AgeColumn:
            return ageText(dr.createdAt, m_clock ? m_clock() : QDateTime::currentDateTimeUtc());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == AgeColumn && dr.createdAt.isValid())
            return QLocale().toString(dr.createdAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == BranchColumn)
            return tr("Deploys %1 into %2").arg(dr.branch, dr.intoBranch);
        return dr.notes.isEmpty() ? QVariant() : QVariant(dr.notes);
    case StateBadgeDelegate::BadgesRole:
        if (index.column() != StateColumn)
            return {};
        if (dr.state == u"closed"_s && !dr.deployedAt.isValid())
            return QVariant::fromValue(BadgeList { Badge { tr("closed"), Badge::Tone::Neutral } });
        return QVariant::fromValue(BadgeList { StateBadgeDelegate::deploymentBadge(stateName) });
    case NumberRole:
        return dr.number;
    case DeploymentStateRole:
        return stateName;
    case BranchRole:
        return dr.branch;
    case IntoBranchRole:
        return dr.intoBranch;
    case ApprovedRole:
        return dr.approved;
    default:
        return {};
    }
}

QVariant DeployRequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case BranchColumn:
        return tr("Branch");
    case StateColumn:
        return tr("State");
    case ApprovalColumn:
        return tr("Review");
    case AgeColumn:
        return tr("Age");
    default:
        return {};
    }
}

void DeployRequestListModel::setRequests(const QList<Core::DeployRequest> &requests)
{
    bool sameRows = requests.size() == m_requests.size();
    for (qsizetype i = 0; sameRows && i < requests.size(); ++i)
        sameRows = requests.at(i).number == m_requests.at(i).number;
    if (sameRows) {
        m_requests = requests;
        if (!m_requests.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_requests = requests;
    endResetModel();
}

void DeployRequestListModel::updateRequest(const Core::DeployRequest &request)
{
    const int row = rowOfNumber(request.number);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_requests.prepend(request);
        endInsertRows();
        return;
    }
    m_requests[row] = request;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DeployRequestListModel::clear()
{
    if (m_requests.isEmpty())
        return;
    beginResetModel();
    m_requests.clear();
    endResetModel();
}

int DeployRequestListModel::rowOfNumber(qint64 number) const
{
    for (qsizetype i = 0; i < m_requests.size(); ++i) {
        if (m_requests.at(i).number == number)
            return int(i);
    }
    return -1;
}

} // namespace Ui
