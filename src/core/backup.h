#pragma once

#include "core/actor.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// state: pending, running, success, failed, canceled (one l here), ignored (kept as given).
struct Backup
{
    QString id;
    QString name;
    QString state;
    QString policyName; // backup_policy.display_name, empty for manual backups
    QString branchName;
    qint64 size = 0;
    qint64 uncompressedSize = 0;
    qint64 pvcSize = 0;
    double estimatedStorageCost = 0;
    bool isProtected = false;
    bool required = false;
    QStringList restoredBranches; // names of the branches restored from it
    std::optional<Actor> actor;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime startedAt;
    QDateTime completedAt;
    QDateTime expiresAt;
    QDateTime deletedAt;
};

} // namespace Core
