#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

class QTcpSocket;

// A small stateful stand-in for the PlanetScale API on 127.0.0.1 (port 0): organizations, databases,
// branches with schemas, deploy requests with reviews, operations and state changes, answering with JSON
// shaped like the OpenAPI document. Tests change its state directly and can make the next matching
// request fail with a given HTTP status and API error.
class FakePlanetScale : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString method;
        QString path; // below /v1
        QUrlQuery query;
        QJsonObject body;
    };

    explicit FakePlanetScale(QObject *parent = nullptr);
    bool start();
    QUrl baseUrl() const;

    // Data (keys: "org", "org/db", "org/db/branch", "org/db/<number>").
    QList<QJsonObject> organizations;
    QHash<QString, QList<QJsonObject>> databases;
    QHash<QString, QList<QJsonObject>> branches;
    QHash<QString, QJsonArray> schemas; // branch → [{name, raw, html}]
    QHash<QString, QList<QJsonObject>> deployRequests;
    QHash<QString, QJsonArray> reviews;
    QHash<QString, QJsonArray> operations;
    QHash<QString, QJsonArray> lintErrors; // deploy request → deployment.lint_errors
    QHash<QString, QList<QJsonObject>> insights; // branch → query patterns (list_branch_queries), as given
    QHash<QString, QList<QJsonObject>> insightErrors; // branch → list_branch_query_errors items, as given
    QHash<QString, QList<QJsonObject>> insightAnomalies; // branch → list_branch_anomalies items, as given
    QHash<QString, QJsonObject> queryMetrics; // branch → get_branch_query_metrics answer (404 when absent)
    int pageSize = 100; // items per page the server answers with
    int branchReadyAfterGets = 1; // a created branch turns ready after this many GETs

    static QJsonObject organization(const QString &name);
    static QJsonObject database(const QString &name, const QString &defaultBranch = QStringLiteral("main"));
    static QJsonObject branch(const QString &name, const QString &parent, bool production = false,
        bool safeMigrations = false, bool ready = true);
    static QJsonObject table(const QString &name, const QString &raw);
    // A list_branch_queries item with the fields Branchdeck reads; mean time = totalMs / count.
    static QJsonObject queryPattern(const QString &fingerprint, const QString &sql, qint64 count, double totalMs,
        double p99Ms, qint64 rowsRead, qint64 rowsReturned, qint64 errors = 0);
    static QJsonObject operation(const QString &table, const QString &state, double progress, double eta);
    QJsonObject &addDeployRequest(const QString &orgDb, qint64 number, const QString &branch, const QString &into,
        const QString &deploymentState, const QString &state = QStringLiteral("open"));
    QJsonObject *findDeployRequest(const QString &orgDb, qint64 number);
    QJsonObject *findBranch(const QString &orgDb, const QString &name);
    void setDeploymentState(const QString &orgDb, qint64 number, const QString &state);

    void failNext(
        const QString &method, const QString &pathSuffix, int status, const QString &code, const QString &message);
    const QList<Request> &requests() const { return m_requests; }
    int countRequests(const QString &method, const QString &pathSuffix) const;

Q_SIGNALS:
    void requestHandled(const QString &method, const QString &path);

private:
    struct Reply
    {
        int status = 200;
        QJsonValue body;
    };
    struct Failure
    {
        QString method;
        QString pathSuffix;
        int status;
        QString code;
        QString message;
    };

    void onConnection();
    void onData(QTcpSocket *socket);
    Reply handle(const Request &request);
    Reply handleDeployRequests(const Request &request, const QString &orgDb, const QStringList &rest);
    Reply handleBranches(const Request &request, const QString &orgDb, const QStringList &rest);
    Reply list(const QList<QJsonObject> &items, const QUrlQuery &query) const;
    QJsonObject withDeployment(const QString &orgDb, const QJsonObject &dr) const;

    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QList<Failure> m_failures;
    QHash<QString, int> m_pendingGets; // branch key → GETs left before ready
    QTcpServer m_server; // last: destroyed first, while the sockets' slots can still use the members
};
