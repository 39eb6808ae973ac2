#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

struct Organization
{
    QString id;
    QString name; // the slug used in API paths
    QString billingEmail;
    QString plan;
    QString ssoPortalUrl;
    QString invoiceBudgetAmount;
    qint64 databaseCount = 0;
    qint64 keyspaceShardLimit = 0;
    std::optional<qint64> freeDatabasesRemaining;
    std::optional<bool> hasPastDueInvoices;
    bool validBillingInfo = false;
    bool sso = false;
    bool ssoDirectory = false;
    bool singleTenancy = false;
    bool managedTenancy = false;
    bool idpManagedRoles = false;
    bool hasCard = false;
    bool paymentInfoRequired = false;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace Core
