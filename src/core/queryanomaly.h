#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Core {

// A pattern taking part in an anomaly, with how closely it follows it (r, 0…1).
struct AnomalyCorrelation
{
    QString fingerprint;
    QString normalizedSql;
    double r = 0;
};

// list_branch_anomalies: a stretch of minutes when query latency left its baseline.
struct QueryAnomaly
{
    QString id;
    QDateTime periodStart;
    QDateTime periodEnd;
    qint64 minutesInViolation = 0;
    bool active = false;
    double durationSeconds = 0;
    QList<AnomalyCorrelation> correlations;
};

} // namespace Core
