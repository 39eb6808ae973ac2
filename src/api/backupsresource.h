#pragma once

#include "api/resource.h"
#include "core/backup.h"

namespace Api {

struct CreateBackupOptions
{
    QString name; // empty: the server names it
    QString retentionUnit; // hour, day, week, month, year; empty: the server's default retention
    int retentionValue = 0; // 1 to 1000, with retentionUnit
};

// /organizations/{org}/databases/{db}/branches/{branch}/backups
class BackupsResource : public Resource
{
public:
    using Resource::Resource;

    // state: filter by backup state (pending, running, success, failed, canceled, ignored); empty for all.
    RequestId list(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::Backup>> callback, const QString &state = {}) const;
    // The backup starts pending; poll get() for running → success or failed.
    RequestId create(const QString &org, const QString &db, const QString &branch, const CreateBackupOptions &options,
        QObject *context, Callback<Core::Backup> callback) const;
    RequestId get(const QString &org, const QString &db, const QString &branch, const QString &id, QObject *context,
        Callback<Core::Backup> callback) const;
    // update_backup: protected backups cannot be deleted.
    RequestId setProtected(const QString &org, const QString &db, const QString &branch, const QString &id,
        bool isProtected, QObject *context, Callback<Core::Backup> callback) const;
    RequestId remove(const QString &org, const QString &db, const QString &branch, const QString &id, QObject *context,
        Callback<NoContent> callback) const;
};

} // namespace Api
