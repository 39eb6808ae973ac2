#include "local/triggerdefiner.h"

#include "local/accounts.h"
#include "local/naming.h"
#include "local/sqlsession.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString account()
{
    return u"'"_s + TriggerDefiner::user() + u"'@'localhost'"_s;
}

QString schemaPattern(SqlSession &session, const QString &schema)
{
    return SqlSession::ident(Accounts::grantPattern(schema, Accounts::escapesWildcards(session)));
}

} // namespace

QString TriggerDefiner::clause()
{
    return u"DEFINER = "_s + account();
}

Core::Result<void> TriggerDefiner::ensure(SqlSession &session)
{
    // The password is thrown away at once: even unlocked by hand, nobody could log in with it.
    if (auto created = session.exec(u"CREATE USER IF NOT EXISTS "_s + account() + u" IDENTIFIED BY "_s
            + session.quote(Naming::randomSecret(30)) + u" ACCOUNT LOCK"_s);
        !created)
        return Core::makeError(
            u"sql_error"_s, u"The copy triggers' definer account could not be created."_s, created.error().message);
    return session.exec(u"ALTER USER "_s + account() + u" ACCOUNT LOCK"_s);
}

Core::Result<void> TriggerDefiner::grantOn(SqlSession &session, const QString &schema)
{
    if (auto ensured = ensure(session); !ensured)
        return ensured;
    return session.exec(u"GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON "_s + schemaPattern(session, schema)
        + u".* TO "_s + account());
}

void TriggerDefiner::revokeFrom(SqlSession &session, const QString &schema)
{
    (void)session.exec(u"REVOKE SELECT, INSERT, UPDATE, DELETE, TRIGGER ON "_s + schemaPattern(session, schema)
        + u".* FROM "_s + account());
}

} // namespace Local
