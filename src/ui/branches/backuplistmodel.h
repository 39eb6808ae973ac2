#pragma once

#include "core/backup.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace Ui {

// The backups of one branch, newest first: name, state (with "…" while it runs), size, created, expires
// and the branches restored from it.
class BackupListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, SizeColumn, CreatedColumn, ExpiresColumn, RestoredColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StateRole };

    explicit BackupListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setBackups(const QList<Core::Backup> &backups);
    void updateBackup(const Core::Backup &backup); // by id; inserted first when new
    void removeBackup(const QString &id);
    const Core::Backup &backup(int row) const { return m_backups.at(row); }
    int rowOf(const QString &id) const;
    bool hasUnfinished() const; // pending or running: worth polling

    static QString sizeText(qint64 bytes); // "0 B", "12.3 KiB", "4.0 MiB"

private:
    QList<Core::Backup> m_backups;
};

} // namespace Ui
