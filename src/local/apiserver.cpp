#include "local/apiserver.h"

#include "local/brancheshandler.h"
#include "local/databaseshandler.h"
#include "local/deployrequestshandler.h"
#include "local/jsonviews.h"
#include "local/organizationshandler.h"
#include "local/passwordshandler.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    default:
        return u"OTHER"_s;
    }
}

// Constant-time comparison: the token check must not leak how many characters matched.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

ApiServer::ApiServer(Services services, QString tokenId, QString token, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_services(services)
    , m_tokenId(std::move(tokenId))
    , m_token(std::move(token))
    , m_organizations(std::make_unique<OrganizationsHandler>(services))
    , m_databases(std::make_unique<DatabasesHandler>(services))
    , m_branches(std::make_unique<BranchesHandler>(services))
    , m_passwords(std::make_unique<PasswordsHandler>(services))
    , m_deployRequests(std::make_unique<DeployRequestsHandler>(services))
{ }

ApiServer::~ApiServer() = default;

quint16 ApiServer::listenOnLoopback(quint16 port)
{
    return listen(QHostAddress(QHostAddress::LocalHost), port);
}

bool ApiServer::setRecordFile(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    m_record = std::move(file);
    return true;
}

bool ApiServer::authorized(const QByteArray &header) const
{
    const QByteArray expected = (m_tokenId + u':' + m_token).toUtf8();
    return sameSecret(header.trimmed(), expected);
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpCall call;
    call.method = methodName(request.method());
    QStringList segments = request.url().path().split(u'/', Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.constFirst() == u"v1"_s)
        segments.removeFirst();
    call.segments = segments;
    call.query = request.query();
    const QByteArray body = request.body();
    if (!body.trimmed().isEmpty()) {
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        call.bodyIsValid = error.error == QJsonParseError::NoError && document.isObject();
        call.body = document.object();
    }

    HttpAnswer answer;
    // Loopback only, whatever the listening address: a second line of defence.
    if (!socket->peerAddress().isLoopback())
        answer = HttpAnswer::error(403, u"forbidden"_s, u"The sandbox only answers this computer."_s);
    else if (!authorized(request.value("Authorization")))
        answer = HttpAnswer::error(401, u"unauthorized"_s,
            u"Authorization failed: send 'Authorization: <service token id>:<service token>'."_s);
    else if (!call.bodyIsValid)
        answer = HttpAnswer::badRequest(u"The request body is not a JSON object."_s);
    else
        answer = dispatch(call);

    record(call, answer);
    QHttpServerResponder responder = makeResponder(request, socket);
    if (answer.status == 204 || answer.body.isUndefined()) {
        responder.write(QHttpServerResponder::StatusCode::NoContent);
    } else {
        const QJsonDocument document
            = answer.body.isArray() ? QJsonDocument(answer.body.toArray()) : QJsonDocument(answer.body.toObject());
        responder.write(document, static_cast<QHttpServerResponder::StatusCode>(answer.status));
    }
    Q_EMIT requestHandled(call.method, request.url().path(), answer.status);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QJsonDocument(HttpAnswer::notFound().body.toObject()), QHttpServerResponder::StatusCode::NotFound);
}

HttpAnswer ApiServer::dispatch(const HttpCall &call)
{
    const QStringList &s = call.segments;
    HttpAnswer answer = HttpAnswer::notFound();
    if (s.isEmpty() || s[0] != u"organizations"_s)
        return answer;
    if (s.size() <= 2)
        return m_organizations->handle(call);
    if (s[2] != u"databases"_s)
        return answer;
    if (s[1] != JsonViews::organizationName())
        return answer;
    if (s.size() <= 4)
        return m_databases->handle(call);
    if (s[4] == u"branches"_s) {
        if (s.size() >= 7 && s[6] == u"passwords"_s)
            return m_passwords->handle(call);
        return m_branches->handle(call);
    }
    if (s[4] == u"deploy-requests"_s)
        return m_deployRequests->handle(call);
    return answer;
}

void ApiServer::record(const HttpCall &call, const HttpAnswer &answer)
{
    if (!m_record)
        return;
    const QJsonObject line { { u"method"_s, call.method.toLower() },
        { u"path"_s, QString(u'/' + call.segments.join(u'/')) }, { u"route"_s, answer.route },
        { u"status"_s, answer.status },
        { u"body"_s, answer.body.isUndefined() ? QJsonValue(QJsonValue::Null) : answer.body } };
    m_record->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_record->flush();
}

} // namespace Local
