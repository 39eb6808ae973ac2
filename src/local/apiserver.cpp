#include "local/apiserver.h"

#include "local/brancheshandler.h"
#include "local/databaseshandler.h"
#include "local/deployrequestshandler.h"
#include "local/httpfront.h"
#include "local/insightshandler.h"
#include "local/jsonviews.h"
#include "local/organizationshandler.h"
#include "local/passwordshandler.h"
#include "local/recommendationshandler.h"
#include "local/sqlsession.h"

#include <QHostAddress>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

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

QStringList segmentsOf(const HttpHead &head)
{
    QStringList segments = head.path().split(u'/', Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.constFirst() == u"v1"_s)
        segments.removeFirst();
    return segments;
}

} // namespace

ApiServer::ApiServer(Services services, QString tokenId, QString token, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_tokenId(std::move(tokenId))
    , m_token(std::move(token))
    , m_organizations(std::make_unique<OrganizationsHandler>(services))
    , m_databases(std::make_unique<DatabasesHandler>(services))
    , m_branches(std::make_unique<BranchesHandler>(services))
    , m_passwords(std::make_unique<PasswordsHandler>(services))
    , m_deployRequests(std::make_unique<DeployRequestsHandler>(services))
    , m_insights(std::make_unique<InsightsHandler>(services))
    , m_recommendations(std::make_unique<RecommendationsHandler>(services))
{ }

ApiServer::~ApiServer() = default;

quint16 ApiServer::listenOnLoopback(quint16 port, const HttpLimits &limits)
{
    m_front = std::make_unique<HttpFront>(
        limits, [this](const HttpHead &head) { return gate(head); },
        [this](const HttpHead &head, const QByteArray &body) { return handle(head, body); });
    if (!m_front->listen(QHostAddress(QHostAddress::LocalHost), port))
        return 0;
    return m_front->serverPort();
}

int ApiServer::openConnections() const
{
    return m_front ? m_front->openConnections() : 0;
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

std::optional<HttpAnswer> ApiServer::gate(const HttpHead &head)
{
    if (authorized(head.header("authorization")))
        return std::nullopt;
    HttpCall call;
    call.method = QString::fromLatin1(head.method);
    call.segments = segmentsOf(head);
    const HttpAnswer answer = HttpAnswer::error(
        401, u"unauthorized"_s, u"Authorization failed: send 'Authorization: <service token id>:<service token>'."_s);
    record(call, answer);
    return answer;
}

HttpAnswer ApiServer::handle(const HttpHead &head, const QByteArray &body)
{
    HttpCall call;
    call.method = QString::fromLatin1(head.method);
    call.segments = segmentsOf(head);
    call.query = head.query();
    if (!body.trimmed().isEmpty()) {
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        call.bodyIsValid = error.error == QJsonParseError::NoError && document.isObject();
        call.body = document.object();
    }
    HttpAnswer answer;
    if (!call.bodyIsValid)
        answer = HttpAnswer::badRequest(u"The request body is not a JSON object."_s);
    else if (!m_services.session->ensureConnected())
        answer = HttpAnswer::failure(Core::makeError(u"unavailable"_s, {}));
    else
        answer = dispatch(call);
    // The database server went away while answering: say so, and that trying again will work.
    if (answer.status == 500 && m_services.session->lostConnection())
        answer = HttpAnswer::failure(Core::makeError(u"unavailable"_s, {}));
    record(call, answer);
    Q_EMIT requestHandled(call.method, head.path(), answer.status);
    return answer;
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
        if (s.size() >= 7 && (s[6] == u"insights"_s || s[6] == u"metrics"_s))
            return m_insights->handle(call);
        return m_branches->handle(call);
    }
    if (s[4] == u"deploy-requests"_s || s[4] == u"deploy-queue"_s)
        return m_deployRequests->handle(call);
    if (s[4] == u"schema-recommendations"_s)
        return m_recommendations->handle(call);
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
