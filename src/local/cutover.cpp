#include "local/cutover.h"

#include "local/failpoint.h"
#include "local/liveddl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString qualified(const QString &schema, const QString &table)
{
    return SqlSession::ident(schema) + u'.' + SqlSession::ident(table);
}

} // namespace

void Cutover::hit(const char *name) const
{
    const QByteArray point = m_phase + '_' + name;
    Failpoint::hit(point.constData());
}

bool Cutover::tableExists(const QString &schema, const QString &table)
{
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + m_session.quote(schema) + u" AND TABLE_NAME = "_s + m_session.quote(table));
    return n && *n == u"1"_s;
}

bool Cutover::swapped(SqlSession &session, const SwapTable &table)
{
    auto names = session.select(u"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + session.quote(table.plan.schema) + u" AND TABLE_NAME IN ("_s + session.quote(table.archive) + u", "_s
        + session.quote(table.plan.shadow) + u')');
    if (!names)
        return false;
    bool archive = false, shadow = false;
    for (const QList<QByteArray> &row : names->rows) {
        archive = archive || QString::fromUtf8(row.value(0)) == table.archive;
        shadow = shadow || QString::fromUtf8(row.value(0)) == table.plan.shadow;
    }
    return archive && !shadow;
}

bool Cutover::triggerOn(const QString &schema, const QString &trigger, const QString &table)
{
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = "_s
        + m_session.quote(schema) + u" AND TRIGGER_NAME = "_s + m_session.quote(trigger)
        + u" AND EVENT_OBJECT_TABLE = "_s + m_session.quote(table));
    return n && *n == u"1"_s;
}

QString Cutover::retarget(const QString &statement, const QString &table, const QString &qualifiedTarget)
{
    QString escaped = QRegularExpression::escape(table);
    const QRegularExpression on(u"\\bON\\s+(?:(?:`[^`]*`|\\w+)\\s*\\.\\s*)?(?:`"_s + escaped + u"`|"_s + escaped
            + u")\\s+FOR\\s+EACH\\s+ROW\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = on.match(statement);
    if (!match.hasMatch())
        return {};
    QString out = statement;
    out.replace(match.capturedStart(), match.capturedLength(), u"ON "_s + qualifiedTarget + u" FOR EACH ROW"_s);
    return out;
}

Core::Result<QList<Cutover::UserTrigger>> Cutover::userTriggers(const SwapTable &table)
{
    // Saved before the first move: a crash between DROP and CREATE must not lose a trigger. Triggers made
    // on the live table since (a swap that waited for a lock) join the saved ones.
    auto saved = m_journal.detail(table.operationId, step("user_triggers"));
    if (!saved)
        return saved.error();
    QList<UserTrigger> out;
    QJsonArray json;
    if (!saved->isNull()) {
        json = QJsonDocument::fromJson(saved->toUtf8()).array();
        for (const QJsonValue &v : std::as_const(json))
            out << UserTrigger { v[u"name"_s].toString(), v[u"statement"_s].toString() };
    }
    const QString schema = table.plan.schema;
    auto names = m_session.select(u"SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = "_s
        + m_session.quote(schema) + u" AND EVENT_OBJECT_TABLE = "_s + m_session.quote(table.plan.source)
        + u" AND TRIGGER_NAME NOT LIKE '\\_bd\\_%' ORDER BY EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER"_s);
    if (!names)
        return names.error();
    bool added = saved->isNull();
    for (const QList<QByteArray> &row : names->rows) {
        const QString name = QString::fromUtf8(row.value(0));
        bool known = false;
        for (const UserTrigger &t : std::as_const(out))
            known = known || t.name == name;
        if (known)
            continue;
        auto shown = m_session.query(u"SHOW CREATE TRIGGER "_s + qualified(schema, name));
        if (!shown)
            return shown.error();
        const Row r = shown->value(0);
        UserTrigger t { name, r.value(u"SQL Original Statement"_s) };
        if (retarget(t.statement, table.plan.source, u"x"_s).isEmpty())
            return Core::makeError(u"unsupported"_s,
                u"Table "_s + table.plan.source + u": trigger "_s + name
                    + u" could not be carried to the new table."_s);
        // The trigger keeps the SQL mode it was created with.
        t.statement = u"SET SESSION sql_mode = "_s + m_session.quote(r.value(u"sql_mode"_s)) + u";\n"_s + t.statement;
        out << t;
        json.append(QJsonObject { { u"name"_s, t.name }, { u"statement"_s, t.statement } });
        added = true;
    }
    if (added) {
        if (auto recorded = m_journal.record(m_requestId, table.operationId, step("user_triggers"),
                QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
            !recorded)
            return recorded.error();
    }
    return out;
}

// All tables locked: no write happens between a trigger leaving one table and reaching the other. The
// statements may set the SQL mode (a trigger keeps the mode it was created with); the worker's comes back.
Core::Result<void> Cutover::runLocked(const QString &schema, const QStringList &tables, const QStringList &ddl)
{
    QStringList locks;
    for (const QString &table : tables)
        locks << qualified(schema, table) + u" WRITE"_s;
    if (auto locked = LiveDdl::run(m_session, u"LOCK TABLES "_s + locks.join(u", "_s), m_budgetMs); !locked)
        return locked;
    Core::Result<void> done = m_session.use(schema);
    for (const QString &sql : ddl) {
        if (done)
            done = m_session.exec(sql);
    }
    (void)m_session.exec(u"UNLOCK TABLES"_s);
    (void)m_session.exec(u"SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
                         u"NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'"_s);
    return done;
}

Core::Result<void> Cutover::moveUserTriggers(const SwapTable &table)
{
    auto triggers = userTriggers(table);
    if (!triggers)
        return triggers.error();
    const CopyPlan &p = table.plan;
    QStringList ddl;
    for (const UserTrigger &t : *triggers) {
        if (triggerOn(p.schema, t.name, p.source))
            ddl << u"DROP TRIGGER "_s + qualified(p.schema, t.name);
        if (!triggerOn(p.schema, t.name, p.shadow)) {
            const qsizetype split = t.statement.indexOf(u";\n"_s);
            ddl << t.statement.left(split)
                << retarget(t.statement.mid(split + 2), p.source, qualified(p.schema, p.shadow));
        }
    }
    if (ddl.isEmpty())
        return {};
    if (auto done = runLocked(p.schema, { p.source, p.shadow }, ddl); !done)
        return done;
    hit("user_triggers_moved");
    return m_journal.record(m_requestId, table.operationId, step("user_triggers_moved"));
}

Core::Result<void> Cutover::restoreUserTriggers(const SwapTable &table)
{
    auto saved = m_journal.detail(table.operationId, step("user_triggers"));
    if (!saved || saved->isNull())
        return {};
    const CopyPlan &p = table.plan;
    QStringList ddl;
    for (const QJsonValue &v : QJsonDocument::fromJson(saved->toUtf8()).array()) {
        const QString name = v[u"name"_s].toString();
        const QString statement = v[u"statement"_s].toString();
        if (triggerOn(p.schema, name, p.shadow))
            ddl << u"DROP TRIGGER "_s + qualified(p.schema, name);
        if (!triggerOn(p.schema, name, p.source)) {
            const qsizetype split = statement.indexOf(u";\n"_s);
            ddl << statement.left(split) << statement.mid(split + 2);
        }
    }
    if (ddl.isEmpty())
        return {};
    QStringList tables { p.source };
    if (tableExists(p.schema, p.shadow))
        tables << p.shadow;
    return runLocked(p.schema, tables, ddl);
}

Core::Result<void> Cutover::dropTemporaryKey(const SwapTable &table)
{
    const CopyPlan &p = table.plan;
    if (p.temporaryKeyIndex.isEmpty())
        return {};
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "_s
        + m_session.quote(p.schema) + u" AND TABLE_NAME = "_s + m_session.quote(p.shadow) + u" AND INDEX_NAME = "_s
        + m_session.quote(p.temporaryKeyIndex));
    if (!n)
        return n.error();
    if (*n == u"0"_s)
        return {};
    return LiveDdl::run(m_session,
        u"ALTER TABLE "_s + qualified(p.schema, p.shadow) + u" DROP INDEX "_s + SqlSession::ident(p.temporaryKeyIndex),
        m_budgetMs);
}

Core::Result<void> Cutover::renameForeignKeys(const SwapTable &table)
{
    const CopyPlan &p = table.plan;
    const auto has = [&](const QString &onTable, const QString &constraint) {
        auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE"
                                  u" TABLE_SCHEMA = "_s
            + m_session.quote(p.schema) + u" AND TABLE_NAME = "_s + m_session.quote(onTable)
            + u" AND CONSTRAINT_NAME = "_s + m_session.quote(constraint) + u" AND CONSTRAINT_TYPE = 'FOREIGN KEY'"_s);
        return n && *n == u"1"_s;
    };
    for (const ForeignKeyRename &fk : p.foreignKeys) {
        // The archive gives the name back (constraint names are unique per schema), then the live table takes it.
        if (tableExists(p.schema, table.archive) && has(table.archive, fk.finalName)) {
            if (auto done = LiveDdl::run(m_session,
                    u"ALTER TABLE "_s + qualified(p.schema, table.archive) + u" DROP FOREIGN KEY "_s
                        + SqlSession::ident(fk.finalName),
                    m_budgetMs);
                !done)
                return done;
        }
        if (!has(p.source, fk.temporaryName))
            continue;
        (void)m_session.exec(u"SET SESSION foreign_key_checks = 0"_s);
        auto done = LiveDdl::run(m_session,
            u"ALTER TABLE "_s + qualified(p.schema, p.source) + u" DROP FOREIGN KEY "_s
                + SqlSession::ident(fk.temporaryName) + u", ADD "_s + fk.definition,
            m_budgetMs);
        (void)m_session.exec(u"SET SESSION foreign_key_checks = 1"_s);
        if (!done)
            return done;
    }
    return {};
}

Core::Result<Cutover::Outcome> Cutover::swap(
    const QList<SwapTable> &tables, const QList<std::pair<QString, QString>> &renames)
{
    QList<const SwapTable *> pending;
    for (const SwapTable &t : tables) {
        if (swapped(m_session, t))
            continue;
        if (!tableExists(t.plan.schema, t.plan.shadow))
            return Core::makeError(u"copy_missing"_s,
                u"Table "_s + t.plan.source + u": its copy is missing; the deployment cannot be cut over."_s);
        pending << &t;
    }
    QStringList parts;
    for (const SwapTable *t : pending) {
        if (auto done = dropTemporaryKey(*t); !done)
            return done.error();
        if (auto done = moveUserTriggers(*t); !done)
            return done.error();
        parts << qualified(t->plan.schema, t->plan.source) + u" TO "_s + qualified(t->plan.schema, t->archive)
              << qualified(t->plan.schema, t->plan.shadow) + u" TO "_s + qualified(t->plan.schema, t->plan.source);
    }
    for (const auto &[from, to] : renames)
        parts << from + u" TO "_s + to;
    if (!parts.isEmpty()) {
        auto renamed = LiveDdl::run(m_session, u"RENAME TABLE "_s + parts.join(u", "_s), m_budgetMs);
        if (!renamed && renamed.error().code == u"lock_busy"_s)
            return Outcome::Busy;
        if (!renamed)
            return renamed.error();
        hit("renamed");
        for (const SwapTable *t : pending) {
            if (auto recorded = m_journal.record(m_requestId, t->operationId, step("swapped")); !recorded)
                return recorded.error();
        }
        if (pending.isEmpty())
            (void)m_journal.record(m_requestId, {}, step("swapped"));
        hit("swap_journaled");
    }
    for (const SwapTable &t : tables) {
        // Another session may hold the archive's metadata lock for a moment: wait for it briefly, as other DDL
        // on these tables does, instead of failing and coming back with the worker's next round a second later.
        for (const QString &suffix : { u"_ti"_s, u"_tu"_s, u"_td"_s }) {
            if (auto dropped = LiveDdl::run(m_session,
                    u"DROP TRIGGER IF EXISTS "_s + qualified(t.plan.schema, t.plan.triggerPrefix + suffix), m_budgetMs);
                !dropped)
                return dropped.error();
        }
        if (auto done = renameForeignKeys(t); !done)
            return done.error();
    }
    hit("triggers_dropped");
    return Outcome::Done;
}

} // namespace Local
