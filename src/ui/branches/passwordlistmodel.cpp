#include "ui/branches/passwordlistmodel.h"

#include "ui/common/theme.h"
#include "ui/deployrequests/deployrequestlistmodel.h"

using namespace Qt::StringLiterals;

namespace Ui {

PasswordListModel::PasswordListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int PasswordListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_passwords.size());
}

int PasswordListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime PasswordListModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QString PasswordListModel::expiryText(const Core::Password &password, const QDateTime &now)
{
    if (password.expired || (password.expiresAt.isValid() && password.expiresAt <= now))
        return tr("expired");
    if (!password.expiresAt.isValid())
        return tr("never");
    const qint64 secs = now.secsTo(password.expiresAt);
    if (secs < 60)
        return tr("in %n s", nullptr, int(secs));
    if (secs < 3600)
        return tr("in %n min", nullptr, int(secs / 60));
    if (secs < 86400)
        return tr("in %n h", nullptr, int(secs / 3600));
    return tr("in %n d", nullptr, int(secs / 86400));
}

QVariant PasswordListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Password &p = m_passwords.at(index.row());
    const QDateTime at = now();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.name;
        case RoleColumn:
            return p.replica ? tr("%1 · replica").arg(p.role) : p.role;
        case UsernameColumn:
            return p.username;
        case AgeColumn:
            return DeployRequestListModel::ageText(p.createdAt, at);
        case ExpiresColumn:
            return expiryText(p, at);
        case LastUsedColumn:
            return p.lastUsedAt.isValid() ? DeployRequestListModel::ageText(p.lastUsedAt, at) : tr("—");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == AgeColumn && p.createdAt.isValid())
            return p.createdAt.toLocalTime().toString(Qt::TextDate);
        if (index.column() == ExpiresColumn && p.expiresAt.isValid())
            return p.expiresAt.toLocalTime().toString(Qt::TextDate);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ExpiresColumn && (p.expired || (p.expiresAt.isValid() && p.expiresAt <= at)))
            return Theme::tone(Tone::Danger);
        if (index.column() == AgeColumn || index.column() == LastUsedColumn)
            return Theme::secondaryText();
        return {};
    case IdRole:
        return p.id;
    case ExpiredRole:
        return p.expired || (p.expiresAt.isValid() && p.expiresAt <= at);
    case RenewableRole:
        return p.renewable;
    case ReplicaRole:
        return p.replica;
    default:
        return {};
    }
}

QVariant PasswordListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        return tr("Role");
    case UsernameColumn:
        return tr("Username");
    case AgeColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case LastUsedColumn:
        return tr("Last used");
    default:
        return {};
    }
}

void PasswordListModel::setPasswords(const QList<Core::Password> &passwords)
{
    beginResetModel();
    m_passwords = passwords;
    for (Core::Password &p : m_passwords)
        p.plainText.clear();
    endResetModel();
}

int PasswordListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_passwords.size(); ++i) {
        if (m_passwords.at(i).id == id)
            return i;
    }
    return -1;
}

void PasswordListModel::updatePassword(const Core::Password &password)
{
    Core::Password kept = password;
    kept.plainText.clear(); // the list never keeps a secret
    const int row = rowOf(password.id);
    if (row < 0) {
        beginInsertRows({}, int(m_passwords.size()), int(m_passwords.size()));
        m_passwords.append(kept);
        endInsertRows();
        return;
    }
    m_passwords[row] = kept;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PasswordListModel::removePassword(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_passwords.removeAt(row);
    endRemoveRows();
}

} // namespace Ui
