#pragma once

#include "core/actor.h"
#include "core/region.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Core {

// A branch password (MySQL credential). plainText is set only in the answer to "create"; it is a secret:
// never log it, never put it into an error.
struct Password
{
    QString id;
    QString name;
    QString role; // reader | writer | admin | readwriter (kept as given)
    QString username;
    QString plainText;
    QString accessHostUrl;
    QString accessHostRegionalUrl;
    QStringList accessHostRegionalUrls;
    QStringList directVtgateAddresses;
    QStringList cidrs;
    QString branchName;
    QString branchId;
    bool branchProduction = false;
    Region region;
    std::optional<Actor> actor;
    std::optional<qint64> ttlSeconds; // null/0: never expires
    bool replica = false;
    bool renewable = false;
    bool expired = false;
    bool directVtgate = false;
    QDateTime expiresAt;
    QDateTime lastUsedAt;
    QDateTime createdAt;
    QDateTime deletedAt;
};

} // namespace Core
