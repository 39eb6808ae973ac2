#include "schema/schemarecommender.h"

#include "schema/schemalinter.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Schema {

QString SchemaRecommender::widenedDefinition(const Column &column)
{
    if (SchemaLinter::integerMaximum(column) == 0 || (column.type == u"bigint"_s && column.isUnsigned))
        return {};
    // "int(11) unsigned zerofill NOT NULL AUTO_INCREMENT": the type and its modifiers, the rest kept as is.
    static const QRegularExpression type(
        u"^\\s*\\w+(\\s*\\([^)]*\\))?(\\s+unsigned)?(\\s+zerofill)?"_s, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = type.match(column.definition);
    if (!m.hasMatch())
        return {};
    return u"bigint unsigned"_s + column.definition.mid(m.capturedEnd());
}

QList<Recommendation> SchemaRecommender::recommend(const SchemaModel &model, const QString &keyspace)
{
    QList<Recommendation> out;
    for (const Core::LintError &e : SchemaLinter::lint(model, keyspace)) {
        const Table *table = model.table(e.tableName);
        if (!table)
            continue;
        const QString alter = u"ALTER TABLE "_s + quoteIdentifier(table->name);
        if ((e.lintError == u"DUPLICATE_INDEX"_s || e.lintError == u"REDUNDANT_INDEX"_s) && !e.indexName.isEmpty()) {
            Recommendation r;
            r.type = u"duplicate_index"_s;
            r.table = table->name;
            r.subject = e.indexName;
            r.title = (e.lintError == u"DUPLICATE_INDEX"_s ? u"Drop duplicate index "_s : u"Drop redundant index "_s)
                + e.indexName + u": "_s + e.errorDescription;
            r.ddl = alter + u" DROP INDEX "_s + quoteIdentifier(e.indexName);
            out << r;
        } else if (e.lintError == u"AUTO_INCREMENT_NEAR_LIMIT"_s) {
            const Column *column = table->column(e.columnName);
            const QString widened = column ? widenedDefinition(*column) : QString();
            if (widened.isEmpty())
                continue; // bigint unsigned already: no wider type to offer
            Recommendation r;
            r.type = u"sequence_overflow"_s;
            r.table = table->name;
            r.subject = column->name;
            r.title = u"Widen "_s + table->name + u'.' + column->name + u": "_s + e.errorDescription;
            r.ddl = alter + u" MODIFY COLUMN "_s + quoteIdentifier(column->name) + u' ' + widened;
            out << r;
        }
    }
    return out;
}

} // namespace Schema
