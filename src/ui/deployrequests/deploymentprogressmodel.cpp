#include "ui/deployrequests/deploymentprogressmodel.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ui {

DeploymentProgressModel::DeploymentProgressModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int DeploymentProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_operations.size());
}

int DeploymentProgressModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int DeploymentProgressModel::progressOf(const Core::DeployOperation &operation)
{
    if (operation.state == u"complete"_s)
        return 100;
    if (!operation.progressPercentage)
        return 0;
    return std::clamp(int(std::lround(*operation.progressPercentage)), 0, 100);
}

bool DeploymentProgressModel::isCopied(const Core::DeployOperation &operation)
{
    return operation.state == u"in_progress"_s && progressOf(operation) >= 100;
}

QString DeploymentProgressModel::etaText(std::optional<double> seconds)
{
    if (!seconds || *seconds < 0)
        return {};
    const qint64 s = qint64(std::ceil(*seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QVariant DeploymentProgressModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::DeployOperation &op = m_operations.at(index.row());
    if (role == ProgressRole)
        return progressOf(op);
    if (role == Qt::ToolTipRole) {
        if (!op.deployErrors.isEmpty())
            return op.deployErrors;
        return isCopied(op)
            ? tr("Every row is copied; new writes keep being applied until the cutover.\n\n%1").arg(op.ddlStatement)
            : op.ddlStatement;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TableColumn:
        return op.keyspaceName.isEmpty() ? op.tableName : QString(op.keyspaceName + u'.' + op.tableName);
    case OperationColumn:
        return op.operationName;
    case StateColumn:
        // A copied table stays "in progress" until the cutover; said plainly, it does not look stuck at 100 %.
        return isCopied(op) ? tr("copied, in sync") : QString(op.state).replace(u'_', u' ');
    case ProgressColumn:
        return QString(QString::number(progressOf(op)) + u" %"_s);
    case EtaColumn:
        // Copied (waiting for the other tables or the cutover): no "0 s" left to count down.
        return op.state == u"complete"_s || progressOf(op) >= 100 ? QString() : etaText(op.etaSeconds);
    default:
        return {};
    }
}

QVariant DeploymentProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TableColumn:
        return tr("Table");
    case OperationColumn:
        return tr("Operation");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case EtaColumn:
        return tr("ETA");
    default:
        return {};
    }
}

bool DeploymentProgressModel::setOperations(const QList<Core::DeployOperation> &operations)
{
    bool sameRows = operations.size() == m_operations.size();
    for (qsizetype i = 0; sameRows && i < operations.size(); ++i)
        sameRows = operations.at(i).tableName == m_operations.at(i).tableName
            && operations.at(i).keyspaceName == m_operations.at(i).keyspaceName;
    if (!sameRows) {
        beginResetModel();
        m_operations = operations;
        endResetModel();
        return true;
    }
    bool changed = false;
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const Core::DeployOperation &a = m_operations.at(i);
        const Core::DeployOperation &b = operations.at(i);
        if (a.state != b.state || progressOf(a) != progressOf(b) || a.etaSeconds != b.etaSeconds
            || a.deployErrors != b.deployErrors) {
            m_operations[i] = b;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
            changed = true;
        }
    }
    return changed;
}

void DeploymentProgressModel::clear()
{
    if (m_operations.isEmpty())
        return;
    beginResetModel();
    m_operations.clear();
    endResetModel();
}

int DeploymentProgressModel::overallProgress() const
{
    if (m_operations.isEmpty())
        return 0;
    int sum = 0;
    for (const Core::DeployOperation &op : m_operations)
        sum += progressOf(op);
    return sum / int(m_operations.size());
}

} // namespace Ui
