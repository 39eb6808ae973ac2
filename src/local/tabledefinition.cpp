#include "local/tabledefinition.h"

#include "local/sqlsession.h"
#include "schema/schemaloader.h"

using namespace Qt::StringLiterals;

namespace Local {

Core::Result<Schema::Table> TableDefinition::parse(const QString &definition)
{
    auto model = Schema::SchemaLoader::fromScript(definition);
    if (!model)
        return model.error();
    if (model->tables.size() != 1)
        return Core::makeError(u"parse_error"_s, u"Expected one table definition."_s);
    return model->tables.constFirst();
}

QString TableDefinition::renamed(const QString &definition, const QString &table, const QString &newName)
{
    const QString prefix = u"CREATE TABLE "_s + SqlSession::ident(table);
    if (!definition.startsWith(prefix))
        return {};
    return u"CREATE TABLE "_s + SqlSession::ident(newName) + definition.mid(prefix.size());
}

QStringList TableDefinition::primaryKey(const Schema::Table &table)
{
    QStringList key;
    if (const Schema::Index *pk = table.index(u"PRIMARY"))
        for (const Schema::IndexPart &part : pk->parts)
            key << part.column;
    return key;
}

bool TableDefinition::copyable(const Schema::Column *column)
{
    return column && column->generatedExpression.isEmpty();
}

} // namespace Local
