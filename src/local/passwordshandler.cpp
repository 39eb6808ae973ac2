#include "local/passwordshandler.h"

#include "local/accounts.h"
#include "local/jsonviews.h"
#include "local/metastore.h"
#include "local/naming.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {
const QString passwordsRoute = u"/organizations/{organization}/databases/{database}/branches/{branch}/passwords"_s;
}

HttpAnswer PasswordsHandler::handle(const HttpCall &call)
{
    const QStringList &s = call.segments;
    // Expired accounts go before anything is listed or used.
    (void)m_services.accounts->dropExpired();
    auto branch = m_services.meta->branch(s[3], s[5]);
    if (!branch)
        return HttpAnswer::internal(branch.error().message);
    if (!*branch)
        return HttpAnswer::notFound();
    HttpAnswer answer = HttpAnswer::notFound();
    if (s.size() == 7) {
        if (call.method == u"GET"_s)
            answer = list(call, **branch);
        else if (call.method == u"POST"_s)
            answer = create(call, **branch);
        answer.route = passwordsRoute;
        return answer;
    }
    auto password = m_services.meta->password(s[3], s[5], s[7]);
    if (!password)
        return HttpAnswer::internal(password.error().message);
    if (!*password)
        return answer;
    if (s.size() == 8 && call.method == u"GET"_s)
        answer = HttpAnswer::json(m_services.views->password(**password, **branch));
    else if (s.size() == 8 && call.method == u"PATCH"_s)
        answer = rename(call, **password, **branch);
    else if (s.size() == 8 && call.method == u"DELETE"_s)
        answer = remove(**password);
    else if (s.size() == 9 && s[8] == u"renew"_s && call.method == u"POST"_s)
        answer = renew(**password, **branch);
    answer.route = passwordsRoute + (s.size() == 9 ? u"/{id}/renew"_s : u"/{id}"_s);
    return answer;
}

HttpAnswer PasswordsHandler::list(const HttpCall &call, const Row &branch)
{
    SqlSession &s = *m_services.session;
    auto rows = s.query(u"SELECT * FROM "_s + m_services.meta->table(u"passwords"_s) + u" WHERE database_name = "_s
        + s.quote(branch.value(u"database_name"_s)) + u" AND branch_name = "_s + s.quote(branch.value(u"name"_s))
        + u" AND deleted_at IS NULL ORDER BY created_at"_s);
    if (!rows)
        return HttpAnswer::internal(rows.error().message);
    QJsonArray items;
    for (const Row &row : *rows)
        items.append(m_services.views->password(row, branch));
    return HttpAnswer::json(listEnvelope(items, call.query));
}

HttpAnswer PasswordsHandler::create(const HttpCall &call, const Row &branch)
{
    SqlSession &s = *m_services.session;
    // A replica password reaches the replicas, which take no writes: it is a read-only account here (the
    // sandbox's one server answers for its replica), and its role is reader unless another is asked for.
    const bool replica = call.body.value(u"replica"_s).toBool();
    const QString role = call.body.value(u"role"_s).toString(replica ? u"reader"_s : u"admin"_s);
    if (replica && role != u"reader"_s)
        return HttpAnswer::unprocessable(u"A replica password is read-only: its role must be reader."_s);
    if (replica && branch.value(u"production"_s) != u"1"_s)
        return HttpAnswer::unprocessable(
            u"Branch "_s + branch.value(u"name"_s) + u" has no replicas: only production branches have them."_s);
    if (!Accounts::isValidRole(role))
        return HttpAnswer::unprocessable(u"Role must be one of reader, writer, readwriter, admin."_s);
    const QJsonValue ttlValue = call.body.value(u"ttl"_s);
    qint64 ttl = 0;
    if (!ttlValue.isUndefined() && !ttlValue.isNull()) {
        ttl = qint64(ttlValue.toDouble(-1));
        if (ttl < 0)
            return HttpAnswer::unprocessable(u"ttl must be a number of seconds."_s);
    }
    QString name = call.body.value(u"name"_s).toString();
    if (name.isEmpty())
        name = branch.value(u"name"_s) + u'-' + QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd-HHmmss"_s);

    const QString id = Naming::randomId();
    const QString username = u"bd_"_s + Naming::randomId(16);
    const QString secret = u"pscale_pw_"_s + Naming::randomSecret(30);
    if (auto done = m_services.accounts->create(username, secret); !done)
        return HttpAnswer::internal(done.error().toString());
    if (auto done
        = m_services.accounts->grant(username, role, branch.value(u"schema_name"_s), Accounts::allowsDdl(branch));
        !done) {
        (void)m_services.accounts->drop(username);
        return HttpAnswer::internal(done.error().message);
    }
    const QString expires
        = ttl > 0 ? u"UTC_TIMESTAMP(3) + INTERVAL "_s + QString::number(ttl) + u" SECOND"_s : u"NULL"_s;
    auto stored = s.exec(u"INSERT INTO "_s + m_services.meta->table(u"passwords"_s)
        + u" (id, database_name, branch_name, name, role, username, replica, ttl_seconds, created_at,"
          u" expires_at) VALUES ("_s
        + s.quote(id) + u", "_s + s.quote(branch.value(u"database_name"_s)) + u", "_s + s.quote(branch.value(u"name"_s))
        + u", "_s + s.quote(name) + u", "_s + s.quote(role) + u", "_s + s.quote(username)
        + (replica ? u", 1, "_s : u", 0, "_s) + (ttl > 0 ? QString::number(ttl) : u"NULL"_s) + u", UTC_TIMESTAMP(3), "_s
        + expires + u')');
    if (!stored) {
        (void)m_services.accounts->drop(username);
        return HttpAnswer::internal(stored.error().message);
    }
    auto row = m_services.meta->password(branch.value(u"database_name"_s), branch.value(u"name"_s), id);
    if (!row || !*row)
        return HttpAnswer::internal(u"The new password vanished."_s);
    return HttpAnswer::json(m_services.views->password(**row, branch, secret), 201);
}

HttpAnswer PasswordsHandler::rename(const HttpCall &call, const Row &password, const Row &branch)
{
    // The name is a label: the account, its secret and its sessions stay as they are.
    SqlSession &s = *m_services.session;
    const QJsonValue name = call.body.value(u"name"_s);
    if (!name.isUndefined() && (!name.isString() || name.toString().trimmed().isEmpty()))
        return HttpAnswer::unprocessable(u"name must be a non-empty string."_s);
    if (call.body.contains(u"cidrs"_s) && !call.body.value(u"cidrs"_s).toArray().isEmpty())
        return HttpAnswer::unprocessable(
            u"The local sandbox only listens on this computer; cidrs are not supported."_s);
    if (name.isString()) {
        auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"passwords"_s) + u" SET name = "_s
            + s.quote(name.toString().trimmed().left(255)) + u" WHERE id = "_s + s.quote(password.value(u"id"_s)));
        if (!done)
            return HttpAnswer::internal(done.error().message);
    }
    auto row
        = m_services.meta->password(branch.value(u"database_name"_s), branch.value(u"name"_s), password.value(u"id"_s));
    if (!row || !*row)
        return HttpAnswer::notFound();
    return HttpAnswer::json(m_services.views->password(**row, branch));
}

HttpAnswer PasswordsHandler::remove(const Row &password)
{
    SqlSession &s = *m_services.session;
    if (auto done = m_services.accounts->drop(password.value(u"username"_s)); !done)
        return HttpAnswer::internal(done.error().message);
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"passwords"_s)
        + u" SET deleted_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(password.value(u"id"_s)));
    return done ? HttpAnswer::noContent() : HttpAnswer::internal(done.error().message);
}

HttpAnswer PasswordsHandler::renew(const Row &password, const Row &branch)
{
    SqlSession &s = *m_services.session;
    const QString ttl = password.value(u"ttl_seconds"_s);
    if (ttl.isNull())
        return HttpAnswer::unprocessable(u"Only passwords with a TTL can be renewed."_s);
    auto done = s.exec(u"UPDATE "_s + m_services.meta->table(u"passwords"_s)
        + u" SET expires_at = UTC_TIMESTAMP(3) + INTERVAL "_s + QString::number(ttl.toLongLong())
        + u" SECOND WHERE id = "_s + s.quote(password.value(u"id"_s)));
    if (!done)
        return HttpAnswer::internal(done.error().message);
    auto row
        = m_services.meta->password(branch.value(u"database_name"_s), branch.value(u"name"_s), password.value(u"id"_s));
    if (!row || !*row)
        return HttpAnswer::notFound();
    return HttpAnswer::json(m_services.views->password(**row, branch));
}

} // namespace Local
