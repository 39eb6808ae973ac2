#pragma once

#include <QString>

namespace Core {

// Who did something: a user or a service token. Embedded in most API objects (actor, closed_by, ...).
struct Actor
{
    QString id;
    QString displayName;
    QString avatarUrl;
    QString type; // "User", "ServiceToken", ... when the server says; empty otherwise
};

} // namespace Core
