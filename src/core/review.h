#pragma once

#include "core/actor.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

// A deploy-request review. state: commented | approved (kept as given).
struct Review
{
    QString id;
    QString state;
    QString body;
    QString htmlBody;
    std::optional<Actor> actor;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace Core
