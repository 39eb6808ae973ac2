#include "local/datacheck.h"

#include "local/tableplanner.h"
#include "schema/typechange.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

enum class Family { Integer, Decimal, Float, Text, Blob, Temporal, Enum, Set, Bit, Other };

Family familyOf(const Schema::Column &c)
{
    static const QHash<QString, Family> families = {
        { u"tinyint"_s, Family::Integer },
        { u"smallint"_s, Family::Integer },
        { u"mediumint"_s, Family::Integer },
        { u"int"_s, Family::Integer },
        { u"integer"_s, Family::Integer },
        { u"bigint"_s, Family::Integer },
        { u"year"_s, Family::Integer },
        { u"decimal"_s, Family::Decimal },
        { u"numeric"_s, Family::Decimal },
        { u"float"_s, Family::Float },
        { u"double"_s, Family::Float },
        { u"real"_s, Family::Float },
        { u"char"_s, Family::Text },
        { u"varchar"_s, Family::Text },
        { u"tinytext"_s, Family::Text },
        { u"text"_s, Family::Text },
        { u"mediumtext"_s, Family::Text },
        { u"longtext"_s, Family::Text },
        { u"json"_s, Family::Text },
        { u"binary"_s, Family::Blob },
        { u"varbinary"_s, Family::Blob },
        { u"tinyblob"_s, Family::Blob },
        { u"blob"_s, Family::Blob },
        { u"mediumblob"_s, Family::Blob },
        { u"longblob"_s, Family::Blob },
        { u"date"_s, Family::Temporal },
        { u"datetime"_s, Family::Temporal },
        { u"timestamp"_s, Family::Temporal },
        { u"time"_s, Family::Temporal },
        { u"enum"_s, Family::Enum },
        { u"set"_s, Family::Set },
        { u"bit"_s, Family::Bit },
    };
    return families.value(c.type, Family::Other);
}

// Byte capacity of the TEXT/BLOB types; 0 for types with a declared length.
qint64 byteCapacity(const QString &type)
{
    if (type.startsWith(u"tiny"_s))
        return 255;
    if (type == u"text"_s || type == u"blob"_s)
        return 65535;
    if (type.startsWith(u"medium"_s))
        return 16777215;
    return 0;
}

std::pair<int, int> precisionScale(const QString &args)
{
    const QStringList parts = args.split(u',');
    return { parts.value(0).trimmed().toInt(), parts.value(1).trimmed().toInt() };
}

// The integer range of a type, as SQL literals.
std::pair<QString, QString> integerRange(const Schema::Column &c)
{
    static const QHash<QString, int> bytes = { { u"tinyint"_s, 1 }, { u"smallint"_s, 2 }, { u"mediumint"_s, 3 },
        { u"int"_s, 4 }, { u"integer"_s, 4 }, { u"bigint"_s, 8 } };
    if (c.type == u"year"_s)
        return { u"1901"_s, u"2155"_s };
    const int b = bytes.value(c.type, 8);
    if (c.isUnsigned)
        return { u"0"_s, b == 8 ? u"18446744073709551615"_s : QString::number((quint64(1) << (8 * b)) - 1) };
    if (b == 8)
        return { u"-9223372036854775808"_s, u"9223372036854775807"_s };
    const qint64 max = (qint64(1) << (8 * b - 1)) - 1;
    return { QString::number(-max - 1), QString::number(max) };
}

// Enum and set members as printed ('a','b''c').
QStringList members(const QString &args)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QChar ch = args[i];
        if (ch == u'\'' && quoted && i + 1 < args.size() && args[i + 1] == u'\'') {
            current += u"''"_s;
            ++i;
        } else if (ch == u'\'') {
            quoted = !quoted;
        } else if (ch == u',' && !quoted) {
            out.append(u'\'' + current + u'\'');
            current.clear();
        } else if (quoted) {
            current += ch;
        }
    }
    out.append(u'\'' + current + u'\'');
    return out;
}

QString anyOf(const QStringList &terms)
{
    QStringList kept;
    for (const QString &t : terms)
        if (!t.isEmpty())
            kept << u'(' + t + u')';
    return kept.join(u" OR "_s);
}

QString numericLoss(const QString &c, Family from, const Schema::Column &to)
{
    const Family target = familyOf(to);
    if (target == Family::Integer) {
        const auto [min, max] = integerRange(to);
        return anyOf({ c + u" < "_s + min + u" OR "_s + c + u" > "_s + max,
            from == Family::Integer ? QString() : c + u" <> ROUND("_s + c + u')' });
    }
    if (target == Family::Decimal) {
        const auto [p, s] = precisionScale(to.typeArgs.isEmpty() ? u"10,0"_s : to.typeArgs);
        return anyOf({ u"ABS("_s + c + u") >= 1"_s + QString(qMax(0, p - s), u'0'),
            from == Family::Integer ? QString() : c + u" <> ROUND("_s + c + u", "_s + QString::number(s) + u')',
            to.isUnsigned ? c + u" < 0"_s : QString() });
    }
    if (target == Family::Float)
        return c + u" <> CAST("_s + c + (to.type == u"float"_s ? u" AS FLOAT)"_s : u" AS DOUBLE)"_s);
    return {};
}

QString temporalLoss(const QString &c, const Schema::Column &from, const Schema::Column &to)
{
    QStringList terms;
    const int digits = to.typeArgs.toInt();
    if (to.type == u"date"_s && from.type != u"date"_s)
        terms << u"TIME("_s + c + u") <> '00:00:00'"_s;
    if (to.type != u"date"_s && digits < from.typeArgs.toInt())
        terms << u"MICROSECOND("_s + c + u") MOD 1"_s + QString(6 - digits, u'0') + u" <> 0"_s;
    if (to.type == u"timestamp"_s && from.type != u"timestamp"_s)
        terms << c + u" < '1970-01-01 00:00:01' OR "_s + c + u" > '2038-01-19 03:14:07'"_s;
    return anyOf(terms);
}

QString charsetLoss(const QString &c, const QString &fromCharset, const QString &toCharset)
{
    if (fromCharset.isEmpty() || toCharset.isEmpty() || fromCharset == toCharset)
        return {};
    return u"CAST(CONVERT(CONVERT("_s + c + u" USING "_s + toCharset + u") USING "_s + fromCharset
        + u") AS BINARY) <> CAST("_s + c + u" AS BINARY)"_s;
}

} // namespace

QString DataCheck::effectiveCharset(const Schema::Column &column, const Schema::Table &table)
{
    if (!column.charset.isEmpty())
        return column.charset;
    if (!column.collation.isEmpty())
        return column.collation.section(u'_', 0, 0);
    return table.option(u"CHARSET");
}

QString DataCheck::lossPredicate(
    const Schema::Column &from, const QString &fromCharset, const Schema::Column &to, const QString &toCharset)
{
    if (Schema::TypeChange::lossReason(from, fromCharset, to, toCharset).isEmpty())
        return {};
    const QString c = SqlSession::ident(from.name);
    const Family a = familyOf(from);
    const Family b = familyOf(to);
    const bool numeric = [](Family f) { return f == Family::Integer || f == Family::Decimal || f == Family::Float; }(a);
    if (numeric && (b == Family::Integer || b == Family::Decimal || b == Family::Float))
        return numericLoss(c, a, to);
    if (b == Family::Text && (a == Family::Text || a == Family::Enum || a == Family::Set)) {
        const qint64 bytes = byteCapacity(to.type);
        const QString length = bytes > 0
            ? u"OCTET_LENGTH(CONVERT("_s + c + u" USING "_s + toCharset + u")) > "_s + QString::number(bytes)
            : (to.typeArgs.isEmpty() ? QString() : u"CHAR_LENGTH("_s + c + u") > "_s + to.typeArgs);
        return anyOf({ length, charsetLoss(c, fromCharset, toCharset) });
    }
    if (b == Family::Blob && (a == Family::Blob || a == Family::Text)) {
        const qint64 bytes = byteCapacity(to.type);
        return u"OCTET_LENGTH("_s + c + u") > "_s + (bytes > 0 ? QString::number(bytes) : to.typeArgs);
    }
    if ((a == Family::Enum && b == Family::Enum) || (a == Family::Set && b == Family::Set)) {
        QStringList removed;
        const QStringList kept = members(to.typeArgs);
        for (const QString &m : members(from.typeArgs)) {
            if (!kept.contains(m))
                removed << (a == Family::Enum ? QString(c + u" = "_s + m)
                                              : QString(u"FIND_IN_SET("_s + m + u", "_s + c + u") > 0"_s));
        }
        return anyOf(removed);
    }
    if (a == Family::Temporal && b == Family::Temporal)
        return temporalLoss(c, from, to);
    if (a == Family::Bit && b == Family::Bit)
        return u"CAST("_s + c + u" AS UNSIGNED) >= "_s + QString::number(quint64(1) << qMin(63, to.typeArgs.toInt()));
    // Another family: the value must read back the same after the conversion the server would make.
    const QString cast = b == Family::Integer ? (to.isUnsigned ? u"UNSIGNED"_s : u"SIGNED"_s)
        : b == Family::Decimal                ? u"DECIMAL("_s + (to.typeArgs.isEmpty() ? u"10,0"_s : to.typeArgs) + u')'
        : b == Family::Float                  ? u"DOUBLE"_s
        : to.type == u"date"_s                ? u"DATE"_s
        : to.type == u"time"_s                ? u"TIME"_s
        : b == Family::Temporal               ? u"DATETIME(6)"_s
                                              : u"CHAR"_s;
    return c + u" IS NOT NULL AND NOT (CAST(CAST("_s + c + u" AS "_s + cast + u") AS CHAR) <=> CAST("_s + c
        + u" AS CHAR))"_s;
}

Core::Result<QList<DeployFinding>> DataCheck::columnFindings(
    SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to)
{
    struct Pending
    {
        DeployFinding finding;
        QString predicate;
    };
    QList<Pending> pending;
    for (const Schema::Column &after : to.columns) {
        const Schema::Column *before = from.column(after.name);
        if (!TablePlanner::copyable(before) || !TablePlanner::copyable(&after))
            continue;
        const QString c = SqlSession::ident(after.name);
        if (before->nullable && !after.nullable)
            pending << Pending { { u"NOT_NULL_VIOLATED"_s, to.name, after.name, {}, 0,
                                     u"column "_s + after.name + u" becomes NOT NULL, but %1 rows hold NULL in it"_s },
                c + u" IS NULL"_s };
        const QString fromCharset = effectiveCharset(*before, from);
        const QString toCharset = effectiveCharset(after, to);
        const QString predicate = lossPredicate(*before, fromCharset, after, toCharset);
        if (predicate.isEmpty())
            continue;
        const QString reason = Schema::TypeChange::lossReason(*before, fromCharset, after, toCharset);
        const QString code = familyOf(*before) == Family::Enum || familyOf(*before) == Family::Set
            ? u"ENUM_VALUE_REMOVED"_s
            : reason.startsWith(u"converts character set"_s) ? u"CHARSET_LOSES_CHARACTERS"_s
                                                             : u"VALUES_WOULD_CHANGE"_s;
        pending << Pending { { code, to.name, after.name, {}, 0,
                                 u"column "_s + after.name + u' ' + reason
                                     + u", which would change or reject the values of %1 rows"_s },
            predicate };
    }
    if (pending.isEmpty())
        return QList<DeployFinding> {};
    QStringList sums;
    for (const Pending &p : pending)
        sums << u"COALESCE(SUM("_s + p.predicate + u"), 0)"_s;
    auto counts = session.select(u"SELECT "_s + sums.join(u", "_s) + u" FROM "_s + qualified);
    if (!counts)
        return counts.error();
    QList<DeployFinding> out;
    for (int i = 0; i < pending.size(); ++i) {
        const qint64 rows = counts->rows.value(0).value(i).toLongLong();
        if (rows <= 0)
            continue;
        DeployFinding f = pending[i].finding;
        f.rows = rows;
        f.description = u"Table "_s + f.table + u": "_s + f.description.arg(rows) + u'.';
        out << f;
    }
    return out;
}

Core::Result<QList<DeployFinding>> DataCheck::uniqueFindings(
    SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to)
{
    QList<DeployFinding> out;
    for (const Schema::Index &index : to.indexes) {
        if (index.kind != Schema::IndexKind::Primary && index.kind != Schema::IndexKind::Unique)
            continue;
        // Already unique before: an old unique key over a subset of these parts.
        bool implied = false;
        for (const Schema::Index &old : from.indexes) {
            if (old.kind != Schema::IndexKind::Primary && old.kind != Schema::IndexKind::Unique)
                continue;
            bool subset = true;
            for (const Schema::IndexPart &part : old.parts) {
                bool found = false;
                for (const Schema::IndexPart &p : index.parts)
                    found = found
                        || (p.column == part.column
                            && (part.prefixLength == 0 || p.prefixLength == 0 || p.prefixLength >= part.prefixLength));
                subset = subset && found;
            }
            implied = implied || subset;
        }
        if (implied)
            continue;
        QStringList groups;
        QStringList present;
        bool possible = true;
        for (const Schema::IndexPart &part : index.parts) {
            const Schema::Column *before = from.column(part.column);
            const Schema::Column *after = to.column(part.column);
            if (before) {
                const QString c = SqlSession::ident(part.column);
                groups << (part.prefixLength > 0 ? u"LEFT("_s + c + u", "_s + QString::number(part.prefixLength) + u')'
                                                 : c);
                present << c + u" IS NOT NULL"_s;
            } else if (!after || after->nullable || after->autoIncrement) {
                possible = false; // a new column that starts NULL (or numbered) makes every row distinct
            }
        }
        if (!possible || groups.isEmpty())
            continue;
        auto dup = session.select(u"SELECT COALESCE(SUM(n) - COUNT(*), 0), COUNT(*) FROM (SELECT COUNT(*) AS n FROM "_s
            + qualified + u" WHERE "_s + present.join(u" AND "_s) + u" GROUP BY "_s + groups.join(u", "_s)
            + u" HAVING COUNT(*) > 1) AS d"_s);
        if (!dup)
            return dup.error();
        const qint64 rows = dup->rows.value(0).value(0).toLongLong();
        if (rows <= 0)
            continue;
        const QString kind
            = index.kind == Schema::IndexKind::Primary ? u"primary key"_s : u"unique key "_s + index.name;
        QStringList columns;
        for (const Schema::IndexPart &part : index.parts)
            columns << part.column;
        out << DeployFinding { u"UNIQUE_KEY_DUPLICATES"_s, to.name, columns.join(u", "_s), index.name, rows,
            u"Table "_s + to.name + u": the new "_s + kind + u" ("_s + columns.join(u", "_s) + u") is violated by "_s
                + QString::number(rows) + u" rows that repeat another row's value ("_s
                + QString::fromLatin1(dup->rows.value(0).value(1)) + u" values occur more than once)."_s };
    }
    return out;
}

Core::Result<QList<DeployFinding>> DataCheck::checkFindings(
    SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to)
{
    QList<std::pair<QString, QString>> checks; // name, expression
    for (const Schema::CheckConstraint &check : to.checks) {
        bool old = false;
        for (const Schema::CheckConstraint &was : from.checks)
            old = old || (was.name == check.name && was.expression == check.expression);
        if (!old)
            checks << std::pair { check.name, check.expression };
    }
    for (const Schema::Column &column : to.columns) {
        const Schema::Column *before = from.column(column.name);
        if (!column.check.isEmpty() && (!before || before->check != column.check))
            checks << std::pair { column.name, column.check };
    }
    QList<DeployFinding> out;
    for (const auto &[name, expression] : checks) {
        auto violated = session.scalar(u"SELECT COUNT(*) FROM "_s + qualified + u" WHERE NOT ("_s + expression + u')');
        if (!violated) {
            if (session.lastErrorNumber() == 1054)
                continue; // it reads columns the table does not have yet: the copy itself checks it
            return violated.error();
        }
        const qint64 rows = violated->toLongLong();
        if (rows > 0)
            out << DeployFinding { u"CHECK_CONSTRAINT_VIOLATED"_s, to.name, {}, name, rows,
                u"Table "_s + to.name + u": the CHECK constraint "_s + name + u' ' + expression + u" is violated by "_s
                    + QString::number(rows) + u" rows."_s };
    }
    return out;
}

Core::Result<QList<DeployFinding>> DataCheck::run(
    SqlSession &session, const QString &schema, const Schema::Table &from, const Schema::Table &to)
{
    const QString qualified = SqlSession::ident(schema) + u'.' + SqlSession::ident(from.name);
    QList<DeployFinding> out;
    for (const auto &part : { &DataCheck::columnFindings, &DataCheck::uniqueFindings, &DataCheck::checkFindings }) {
        auto found = part(session, qualified, from, to);
        if (!found)
            return found.error();
        out << *found;
    }
    return out;
}

} // namespace Local
