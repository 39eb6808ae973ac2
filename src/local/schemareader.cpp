#include "local/schemareader.h"

#include "local/naming.h"
#include "schema/schemaloader.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<QList<ObjectDefinition>> SchemaReader::definitions(SqlSession &session, const QString &schema)
{
    auto tables = session.query(u"SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + session.quote(schema) + u" ORDER BY TABLE_NAME"_s);
    if (!tables)
        return tables.error();
    QList<ObjectDefinition> out;
    for (const Row &row : *tables) {
        const QString name = row.value(u"TABLE_NAME"_s);
        if (Naming::isInternalTable(name))
            continue;
        const bool isView = row.value(u"TABLE_TYPE"_s) == u"VIEW"_s;
        const QString qualified = SqlSession::ident(schema) + u'.' + SqlSession::ident(name);
        auto created = session.query((isView ? u"SHOW CREATE VIEW "_s : u"SHOW CREATE TABLE "_s) + qualified);
        if (!created)
            return created.error();
        if (created->isEmpty())
            continue;
        const Row &first = created->constFirst();
        QString text = first.value(isView ? u"Create View"_s : u"Create Table"_s);
        if (isView)
            text = portableView(unqualify(text, schema));
        out << ObjectDefinition { name, text, isView };
    }
    return out;
}

QString SchemaReader::unqualify(const QString &createStatement, const QString &schema)
{
    QString text = createStatement;
    text.replace(SqlSession::ident(schema) + u'.', QString());
    return text;
}

QString SchemaReader::portableView(const QString &createStatement)
{
    static const QRegularExpression head(u"^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(ALGORITHM\\s*=\\s*\\w+\\s+)?"
                                         u"(?:DEFINER\\s*=\\s*(?:`(?:[^`]|``)*`|'[^']*'|[^\\s@]+)(?:@(?:`(?:[^`]|``)*`|"
                                         u"'[^']*'|[^\\s]+))?\\s+)?(?:SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = head.match(createStatement);
    if (!match.hasMatch())
        return createStatement;
    return u"CREATE "_s + match.captured(1) + u"SQL SECURITY INVOKER VIEW"_s + createStatement.mid(match.capturedEnd());
}

Core::Result<Schema::SchemaModel> SchemaReader::model(
    const QList<ObjectDefinition> &definitions, Schema::TableMemo *memo)
{
    QString script;
    for (const ObjectDefinition &definition : definitions)
        script += definition.createStatement + u";\n"_s;
    return Schema::SchemaLoader::fromScript(script, u"server"_s, memo);
}

Core::Result<Schema::SchemaModel> SchemaReader::model(
    SqlSession &session, const QString &schema, Schema::TableMemo *memo)
{
    auto definitions = SchemaReader::definitions(session, schema);
    if (!definitions)
        return definitions.error();
    return model(*definitions, memo);
}

} // namespace Local
