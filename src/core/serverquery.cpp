#include "core/serverquery.h"

#include "core/cellcomparator.h"
#include "core/sqlclassifier.h"
#include "core/sqlliteral.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

bool isBinaryKind(ColumnKind kind)
{
    return kind == ColumnKind::Binary || kind == ColumnKind::Bit;
}

QString name(const ColumnInfo &column)
{
    return u"`result`."_s + SqlLiteral::identifier(column.name);
}

// The value as the column compares it: hex for binary operands written 0x…, text otherwise (the server
// converts text to the column's type, exactly, for numbers and dates too).
QString value(const ColumnInfo &column, const QString &text)
{
    if (isBinaryKind(column.kind) && text.startsWith(u"0x"_s, Qt::CaseInsensitive))
        return SqlLiteral::binary(QByteArray::fromHex(text.mid(2).toLatin1()));
    return SqlLiteral::string(text.trimmed());
}

// LIKE '%text%' with the wildcards in the text escaped by '!' (no backslash: NO_BACKSLASH_ESCAPES-proof).
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"!"_s, u"!!"_s).replace(u"%"_s, u"!%"_s).replace(u"_"_s, u"!_"_s);
    return SqlLiteral::string(QString(u'%' + escaped + u'%')) + u" ESCAPE '!'"_s;
}

QString condition(const ColumnInfo &column, const ColumnCondition &c)
{
    const QString col = name(column);
    switch (c.op) {
    case FilterOp::Equal:
        return col + u" = "_s + value(column, c.value);
    case FilterOp::NotEqual:
        return col + u" <> "_s + value(column, c.value);
    case FilterOp::Less:
        return col + u" < "_s + value(column, c.value);
    case FilterOp::LessOrEqual:
        return col + u" <= "_s + value(column, c.value);
    case FilterOp::Greater:
        return col + u" > "_s + value(column, c.value);
    case FilterOp::GreaterOrEqual:
        return col + u" >= "_s + value(column, c.value);
    case FilterOp::Contains:
        return col + u" LIKE "_s + containsPattern(c.value);
    case FilterOp::NotContains:
        return col + u" NOT LIKE "_s + containsPattern(c.value);
    case FilterOp::IsNull:
        return col + u" IS NULL"_s;
    case FilterOp::IsNotNull:
        return col + u" IS NOT NULL"_s;
    case FilterOp::Matches:
        return col + u" REGEXP "_s + SqlLiteral::string(c.value);
    }
    return {};
}

QString orderTerm(const ColumnInfo &column, const SortKey &key)
{
    QString term = name(column);
    const CellComparator compare(column, key.text);
    const bool columnIgnoresCase = CellComparator(column).type() == CellComparator::Type::FoldedText;
    if (compare.isText() && !isBinaryKind(column.kind)) {
        if (compare.type() == CellComparator::Type::Bytes && columnIgnoresCase)
            term = u"CAST("_s + term + u" AS BINARY)"_s;
        else if (compare.type() == CellComparator::Type::FoldedText && !columnIgnoresCase)
            term = u"LOWER("_s + term + u')';
    }
    const bool descending = key.order == Qt::DescendingOrder;
    QString out;
    // MySQL puts NULL first ascending and last descending; anything else is said explicitly.
    if (key.nulls == NullOrder::First && descending)
        out = name(column) + u" IS NULL DESC, "_s;
    else if (key.nulls == NullOrder::Last && !descending)
        out = name(column) + u" IS NULL, "_s;
    return out + term + (descending ? u" DESC"_s : u""_s);
}

// A query the server can read as a derived table: SELECT (WITH … SELECT too), TABLE or VALUES, on the code
// tokens (comments and hints before it do not count).
bool isQuery(const QString &statement)
{
    const StatementClass c = SqlClassifier::classify(statement);
    return c.kind == StatementKind::Read && (c.verb == u"SELECT"_s || c.verb == u"TABLE"_s || c.verb == u"VALUES"_s);
}

} // namespace

Result<QString> ServerQuery::wrap(
    const QString &statement, const QList<ColumnInfo> &columns, const QList<SortKey> &keys, const FilterSpec &filter)
{
    QString body = statement.trimmed();
    while (body.endsWith(u';')) {
        body.chop(1);
        body = body.trimmed();
    }
    if (!isQuery(body))
        return makeError(
            u"server_sort_not_query"_s, u"Only a query (SELECT …) can be sorted and filtered by the server."_s);
    QSet<QString> names;
    for (const auto &c : columns) {
        if (names.contains(c.name.toLower()))
            return makeError(u"server_sort_duplicate"_s,
                u"The result has two columns named “%1”: give them different aliases to sort and filter on the "
                u"server."_s.arg(c.name));
        names.insert(c.name.toLower());
    }
    if (auto valid = ResultFilter::validate(filter, columns); !valid.ok())
        return valid.error();
    QStringList where;
    for (const auto &c : filter.conditions)
        where.append(condition(columns.at(c.column), c));
    if (!filter.text.isEmpty()) {
        QStringList any;
        for (const auto &c : columns)
            if (!isBinaryKind(c.kind))
                any.append(name(c) + u" LIKE "_s + containsPattern(filter.text));
        where.append(u'(' + any.join(u" OR "_s) + u')');
    }
    QStringList order;
    for (const auto &key : keys) {
        if (key.column < 0 || key.column >= columns.size())
            return makeError(u"sort_column"_s, u"The result has no such column."_s);
        order.append(orderTerm(columns.at(key.column), key));
    }
    // The body on lines of its own: a trailing -- comment in it cannot swallow the closing parenthesis.
    QString sql = u"SELECT * FROM (\n"_s + body + u"\n) AS `result`"_s;
    if (!where.isEmpty())
        sql += u"\nWHERE "_s + where.join(u"\n  AND "_s);
    if (!order.isEmpty())
        sql += u"\nORDER BY "_s + order.join(u", "_s);
    return sql;
}

} // namespace Core
