#pragma once

#include "core/result.h"

#include <QString>

namespace Local {

class SqlSession;

// The DEFINER of the deploy machinery's copy triggers (`_bd_*`). A trigger runs with its definer's rights and
// cannot be SQL SECURITY INVOKER; made by the worker's own account (the account of whichever sandbox holds the
// server's copier), every write on the live table would fail with 1449 once that account is dropped or its
// sandbox removed, until cutover. So the triggers belong to one server-wide account that outlives every
// sandbox: `branchdeck_definer`@`localhost`, locked (ACCOUNT LOCK) with a random password nobody keeps, so it
// never logs in; it holds only what the triggers use — SELECT, INSERT, UPDATE, DELETE and TRIGGER — on the
// branch schemas a deployment ran in. Only an account allowed to name another definer (SET USER) can create
// objects that run as it: the sandbox's own.
class TriggerDefiner
{
public:
    static QString user() { return QStringLiteral("branchdeck_definer"); }
    // `DEFINER = 'branchdeck_definer'@'localhost'`, for CREATE … TRIGGER.
    static QString clause();
    // Creates the account when it is missing and locks it (again): safe to repeat, at every start.
    static Core::Result<void> ensure(SqlSession &session);
    // ensure(), then the triggers' rights on one schema (named as a pattern with `_` and `%` escaped).
    static Core::Result<void> grantOn(SqlSession &session, const QString &schema);
    // Takes those rights back (the schema is gone); nothing to take is no error.
    static void revokeFrom(SqlSession &session, const QString &schema);
};

} // namespace Local
