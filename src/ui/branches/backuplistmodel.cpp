#include "ui/branches/backuplistmodel.h"

#include "ui/common/theme.h"
#include "ui/deployrequests/deployrequestlistmodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

BackupListModel::BackupListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int BackupListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_backups.size());
}

int BackupListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BackupListModel::sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QVariant BackupListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::Backup &b = m_backups.at(index.row());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return b.name;
        case StateColumn:
            return b.state == u"running"_s || b.state == u"pending"_s ? b.state + u'…' : b.state;
        case SizeColumn:
            return b.state == u"failed"_s ? tr("—") : sizeText(b.size);
        case CreatedColumn:
            return DeployRequestListModel::ageText(b.createdAt, now);
        case ExpiresColumn:
            if (!b.expiresAt.isValid())
                return tr("—");
            return b.expiresAt <= now ? tr("expired") : b.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
        case RestoredColumn:
            return b.restoredBranches.join(u", "_s);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn && b.createdAt.isValid())
            return b.createdAt.toLocalTime().toString(Qt::TextDate);
        if (index.column() == SizeColumn)
            return tr("%1 bytes stored, %2 bytes of row data").arg(b.size).arg(b.uncompressedSize);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            if (b.state == u"success"_s)
                return Theme::tone(Tone::Success);
            if (b.state == u"failed"_s)
                return Theme::tone(Tone::Danger);
            return Theme::tone(Tone::Info);
        }
        if (index.column() == CreatedColumn || index.column() == ExpiresColumn)
            return Theme::secondaryText();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return b.id;
    case StateRole:
        return b.state;
    default:
        return {};
    }
}

QVariant BackupListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Backup");
    case StateColumn:
        return tr("State");
    case SizeColumn:
        return tr("Size");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case RestoredColumn:
        return tr("Restored to");
    default:
        return {};
    }
}

void BackupListModel::setBackups(const QList<Core::Backup> &backups)
{
    beginResetModel();
    m_backups = backups;
    endResetModel();
}

void BackupListModel::updateBackup(const Core::Backup &backup)
{
    const int row = rowOf(backup.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_backups.prepend(backup);
        endInsertRows();
        return;
    }
    m_backups[row] = backup;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void BackupListModel::removeBackup(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_backups.removeAt(row);
    endRemoveRows();
}

int BackupListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_backups.size(); ++i) {
        if (m_backups.at(i).id == id)
            return i;
    }
    return -1;
}

bool BackupListModel::hasUnfinished() const
{
    for (const Core::Backup &b : m_backups) {
        if (b.state == u"pending"_s || b.state == u"running"_s)
            return true;
    }
    return false;
}

} // namespace Ui
