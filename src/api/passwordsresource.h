#pragma once

#include "api/resource.h"
#include "core/password.h"

#include <optional>

namespace Api {

struct CreatePasswordOptions
{
    QString name;
    QString role = QStringLiteral("reader"); // reader | writer | readwriter | admin
    std::optional<qint64> ttlSeconds; // absent: never expires
    bool replica = false;
};

// /organizations/{org}/databases/{db}/branches/{branch}/passwords
class PasswordsResource : public Resource
{
public:
    using Resource::Resource;

    // The answer carries plainText, the only time the API ever returns it.
    RequestId create(const QString &org, const QString &db, const QString &branch, const CreatePasswordOptions &options,
        QObject *context, Callback<Core::Password> callback) const;
    RequestId list(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::Password>> callback) const;
    RequestId get(const QString &org, const QString &db, const QString &branch, const QString &id, QObject *context,
        Callback<Core::Password> callback) const;
    // PATCH: a new name (the only change that keeps the credentials; PlanetScale also takes `cidrs`).
    RequestId rename(const QString &org, const QString &db, const QString &branch, const QString &id,
        const QString &name, QObject *context, Callback<Core::Password> callback) const;
    RequestId remove(const QString &org, const QString &db, const QString &branch, const QString &id, QObject *context,
        Callback<NoContent> callback) const;
    RequestId renew(const QString &org, const QString &db, const QString &branch, const QString &id, QObject *context,
        Callback<Core::Password> callback) const;
};

} // namespace Api
