#pragma once

#include "local/httpcall.h"
#include "local/httphead.h"
#include "local/services.h"

#include <QFile>
#include <QObject>

#include <memory>

namespace Local {

class OrganizationsHandler;
class DatabasesHandler;
class BranchesHandler;
class PasswordsHandler;
class DeployRequestsHandler;
class HttpFront;
class InsightsHandler;
class RecommendationsHandler;

// The API: checks the service token from the request head (HttpFront reads no body before that), routes
// /v1/... to one handler per endpoint family and answers JSON. Listens on 127.0.0.1 only.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    ApiServer(Services services, QString tokenId, QString token, QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds 127.0.0.1:port (0: any free port) with these limits; returns the port or 0.
    quint16 listenOnLoopback(quint16 port, const HttpLimits &limits = {});
    int openConnections() const;
    // Appends every answer as one JSON line {method, route, status, body} (for the OpenAPI check).
    bool setRecordFile(const QString &path);

    HttpAnswer dispatch(const HttpCall &call);

Q_SIGNALS:
    void requestHandled(const QString &method, const QString &path, int status);

private:
    std::optional<HttpAnswer> gate(const HttpHead &head);
    HttpAnswer handle(const HttpHead &head, const QByteArray &body);
    bool authorized(const QByteArray &header) const;
    void record(const HttpCall &call, const HttpAnswer &answer);

    Services m_services;
    QString m_tokenId;
    QString m_token;
    std::unique_ptr<OrganizationsHandler> m_organizations;
    std::unique_ptr<DatabasesHandler> m_databases;
    std::unique_ptr<BranchesHandler> m_branches;
    std::unique_ptr<PasswordsHandler> m_passwords;
    std::unique_ptr<DeployRequestsHandler> m_deployRequests;
    std::unique_ptr<InsightsHandler> m_insights;
    std::unique_ptr<RecommendationsHandler> m_recommendations;
    std::unique_ptr<QFile> m_record;
    std::unique_ptr<HttpFront> m_front;
};

} // namespace Local
