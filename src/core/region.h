#pragma once

#include <QString>
#include <QStringList>

namespace Core {

struct Region
{
    QString id;
    QString slug; // "us-east", "eu-west"
    QString displayName;
    QString provider; // "AWS", "GCP"
    QString location;
    QStringList publicIpAddresses;
    bool enabled = false;
    bool currentDefault = false;
    bool mysqlSupported = false;
    bool postgresqlSupported = false;
};

} // namespace Core
