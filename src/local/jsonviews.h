#pragma once

#include "core/linterror.h"
#include "local/deployrecords.h"
#include "local/sqlsession.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Local {

// Metadata rows → the API's JSON objects, with every field the OpenAPI document requires. Fields that have
// no meaning in a sandbox carry neutral values (region "local", cluster "sandbox", counts 0).
class JsonViews
{
public:
    JsonViews(QString apiBase, QString mysqlHostPort)
        : m_apiBase(std::move(apiBase))
        , m_hostPort(std::move(mysqlHostPort))
    { }

    static QString organizationName() { return QStringLiteral("local"); }

    QJsonObject organization(qint64 databaseCount, const QString &createdAt) const;
    QJsonObject database(const Row &row, qint64 branches, qint64 productionBranches, qint64 tables,
        qint64 openRecommendations = 0) const;
    QString databaseUrl(const QString &name) const;
    QJsonObject branch(const Row &row) const;
    QJsonObject password(const Row &row, const Row &branch, const QString &plainText = {}) const;
    QJsonObject operation(const DeployOperationRecord &op, const QString &keyspace) const;
    // `lintErrors`: the schema linter's findings on the tables the request changes; the data checks' findings
    // (rows the change would reject, drop or alter) come from the request itself and are listed first.
    // `pauseReason`: why a queued deployment with nothing ahead of it waits (queue_paused), or null.
    QJsonObject deployment(const DeployRequestRecord &request, const QList<DeployOperationRecord> &operations,
        const QList<DeployRequestRecord> &preceding, const QJsonArray &lintErrors,
        const QString &pauseReason = {}) const;
    QJsonObject deployRequest(const DeployRequestRecord &request, const QJsonObject &deployment) const;
    QJsonObject review(const Row &row) const;
    // A branch lint item with every field the document requires (empty strings where one does not apply).
    static QJsonObject lintError(const Core::LintError &e);
    static QJsonArray lintErrors(const QList<Core::LintError> &errors);

    static QJsonObject actor();
    static QJsonObject region();
    static QJsonValue timestamp(const QString &sqlDateTime); // null stays null
    static QString html(const QString &raw); // escaped, in a <pre>

private:
    QString m_apiBase;
    QString m_hostPort;
};

} // namespace Local
