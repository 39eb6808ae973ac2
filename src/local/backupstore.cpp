#include "local/backupstore.h"

#include "local/naming.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

SqlSession::LiteralKind kindOf(const QString &dataType)
{
    static const QStringList binary { u"binary"_s, u"varbinary"_s, u"tinyblob"_s, u"blob"_s, u"mediumblob"_s,
        u"longblob"_s, u"bit"_s, u"geometry"_s, u"point"_s, u"linestring"_s, u"polygon"_s, u"multipoint"_s,
        u"multilinestring"_s, u"multipolygon"_s, u"geometrycollection"_s };
    static const QStringList number { u"tinyint"_s, u"smallint"_s, u"mediumint"_s, u"int"_s, u"bigint"_s, u"decimal"_s,
        u"float"_s, u"double"_s };
    if (binary.contains(dataType))
        return SqlSession::LiteralKind::Binary;
    if (number.contains(dataType))
        return SqlSession::LiteralKind::Number;
    return SqlSession::LiteralKind::Text;
}

} // namespace

QString BackupStore::storageSchema(const QString &backupId)
{
    return u"branchdeck_backup_"_s + backupId;
}

Core::Result<BackupStore::Columns> BackupStore::columns(
    SqlSession &session, const QString &schema, const QString &table)
{
    auto rows = session.query(u"SELECT COLUMN_NAME, DATA_TYPE, EXTRA, COLUMN_KEY FROM information_schema.COLUMNS"
                              u" WHERE TABLE_SCHEMA = "_s
        + session.quote(schema) + u" AND TABLE_NAME = "_s + session.quote(table) + u" ORDER BY ORDINAL_POSITION"_s);
    if (!rows)
        return rows.error();
    Columns out;
    for (const Row &row : *rows) {
        const QString extra = row.value(u"EXTRA"_s).toUpper();
        if (extra.contains(u"GENERATED"_s) || extra.contains(u"VIRTUAL"_s) || extra.contains(u"PERSISTENT"_s)
            || extra.contains(u"STORED"_s))
            continue;
        out.names << row.value(u"COLUMN_NAME"_s);
        out.kinds << kindOf(row.value(u"DATA_TYPE"_s).toLower());
    }
    auto key = session.query(u"SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "_s
        + session.quote(schema) + u" AND TABLE_NAME = "_s + session.quote(table)
        + u" AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX"_s);
    if (!key)
        return key.error();
    for (const Row &row : *key)
        out.key << row.value(u"COLUMN_NAME"_s);
    return out;
}

Core::Result<QStringList> BackupStore::triggers(SqlSession &session, const QString &schema)
{
    auto names = session.query(u"SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "_s
        + session.quote(schema) + u" ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER"_s);
    if (!names)
        return names.error();
    static const QRegularExpression definer(
        u"^CREATE\\s+DEFINER\\s*=\\s*(?:`(?:[^`]|``)*`|'[^']*'|[^\\s@]+)(?:@(?:`(?:[^`]|``)*`|'[^']*'|[^\\s]+))?\\s+"_s,
        QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    for (const Row &row : *names) {
        auto created = session.query(u"SHOW CREATE TRIGGER "_s + SqlSession::ident(schema) + u'.'
            + SqlSession::ident(row.value(u"TRIGGER_NAME"_s)));
        if (!created)
            return created.error();
        if (created->isEmpty())
            continue;
        QString text = created->constFirst().value(u"SQL Original Statement"_s);
        text.replace(definer, u"CREATE "_s);
        out << SchemaReader::unqualify(text, schema);
    }
    return out;
}

Core::Result<void> BackupStore::createIn(SqlSession &session, const QString &schema, const QStringList &statements)
{
    if (auto done = session.use(schema); !done)
        return done;
    (void)session.exec(u"SET SESSION foreign_key_checks = 0"_s);
    Core::Result<void> result;
    for (const QString &statement : statements) {
        if (result = session.exec(statement); !result)
            break;
    }
    (void)session.exec(u"SET SESSION foreign_key_checks = 1"_s);
    (void)session.use(Naming::metaSchema());
    return result;
}

QStringList BackupStore::tableStatements(const QList<ObjectDefinition> &definitions)
{
    QStringList out;
    for (const ObjectDefinition &d : definitions) {
        if (!d.isView)
            out << d.createStatement;
    }
    return out;
}

QStringList BackupStore::viewStatements(const QList<ObjectDefinition> &definitions)
{
    QStringList out;
    for (const ObjectDefinition &d : definitions) {
        if (d.isView)
            out << d.createStatement;
    }
    return out;
}

Core::Result<void> BackupStore::restore(SqlSession &session, const QString &storage, const QString &to)
{
    auto definitions = SchemaReader::definitions(session, storage);
    if (!definitions)
        return definitions.error();
    auto triggers = BackupStore::triggers(session, storage);
    if (!triggers)
        return triggers.error();
    if (auto done = createIn(session, to, tableStatements(*definitions)); !done)
        return done;
    // Rows before triggers: a restore writes the backup's rows as they were, it does not run the branch's
    // logic on them again. The storage schema never changes, so plain INSERT … SELECT reads it exactly.
    (void)session.exec(u"SET SESSION foreign_key_checks = 0"_s);
    Core::Result<void> copied;
    for (const ObjectDefinition &d : *definitions) {
        if (d.isView)
            continue;
        auto cols = columns(session, storage, d.name);
        if (!cols) {
            copied = cols.error();
            break;
        }
        const QString list = identList(cols->names);
        copied
            = session.exec(u"INSERT INTO "_s + SqlSession::ident(to) + u'.' + SqlSession::ident(d.name) + u" ("_s + list
                + u") SELECT "_s + list + u" FROM "_s + SqlSession::ident(storage) + u'.' + SqlSession::ident(d.name));
        if (!copied)
            break;
    }
    (void)session.exec(u"SET SESSION foreign_key_checks = 1"_s);
    if (!copied)
        return copied;
    return createIn(session, to, viewStatements(*definitions) + *triggers);
}

QString BackupStore::identList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << SqlSession::ident(name);
    return quoted.join(u", "_s);
}

Core::Result<void> BackupStore::drop(SqlSession &session, const QString &schema)
{
    return session.exec(u"DROP DATABASE IF EXISTS "_s + SqlSession::ident(schema));
}

} // namespace Local
