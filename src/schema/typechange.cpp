#include "schema/typechange.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

enum class Family { Integer, Decimal, Float, String, Binary, Temporal, Enum, Set, Bit, Other };

struct TypeInfo
{
    Family family = Family::Other;
    qint64 capacity = 0; // integer: bytes; string/binary: characters or bytes; temporal: rank
};

const QHash<QString, TypeInfo> &knownTypes()
{
    static const QHash<QString, TypeInfo> types = {
        { u"tinyint"_s, { Family::Integer, 1 } },
        { u"smallint"_s, { Family::Integer, 2 } },
        { u"mediumint"_s, { Family::Integer, 3 } },
        { u"int"_s, { Family::Integer, 4 } },
        { u"integer"_s, { Family::Integer, 4 } },
        { u"bigint"_s, { Family::Integer, 8 } },
        { u"decimal"_s, { Family::Decimal, 0 } },
        { u"numeric"_s, { Family::Decimal, 0 } },
        { u"float"_s, { Family::Float, 4 } },
        { u"double"_s, { Family::Float, 8 } },
        { u"real"_s, { Family::Float, 8 } },
        { u"char"_s, { Family::String, 0 } },
        { u"varchar"_s, { Family::String, 0 } },
        { u"tinytext"_s, { Family::String, 255 } },
        { u"text"_s, { Family::String, 65535 } },
        { u"mediumtext"_s, { Family::String, 16777215 } },
        { u"longtext"_s, { Family::String, 4294967295LL } },
        { u"json"_s, { Family::String, 4294967295LL } },
        { u"binary"_s, { Family::Binary, 0 } },
        { u"varbinary"_s, { Family::Binary, 0 } },
        { u"tinyblob"_s, { Family::Binary, 255 } },
        { u"blob"_s, { Family::Binary, 65535 } },
        { u"mediumblob"_s, { Family::Binary, 16777215 } },
        { u"longblob"_s, { Family::Binary, 4294967295LL } },
        { u"year"_s, { Family::Temporal, 1 } },
        { u"date"_s, { Family::Temporal, 2 } },
        { u"time"_s, { Family::Temporal, 3 } },
        { u"timestamp"_s, { Family::Temporal, 4 } },
        { u"datetime"_s, { Family::Temporal, 5 } },
        { u"enum"_s, { Family::Enum, 0 } },
        { u"set"_s, { Family::Set, 0 } },
        { u"bit"_s, { Family::Bit, 0 } },
    };
    return types;
}

TypeInfo infoOf(const Column &c)
{
    TypeInfo info = knownTypes().value(c.type);
    if ((info.family == Family::String || info.family == Family::Binary) && info.capacity == 0)
        info.capacity = c.typeArgs.toLongLong();
    return info;
}

// "10,2" → {10, 2}; missing parts are 0.
std::pair<int, int> precisionScale(const QString &args)
{
    const QStringList parts = args.split(u',');
    return { parts.value(0).trimmed().toInt(), parts.value(1).trimmed().toInt() };
}

// Enum and set members as printed ('a','b''c'); good enough to compare membership.
QStringList members(const QString &args)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QChar c = args[i];
        if (c == u'\'' && quoted && i + 1 < args.size() && args[i + 1] == u'\'') {
            current += c;
            ++i;
        } else if (c == u'\'') {
            quoted = !quoted;
        } else if (c == u',' && !quoted) {
            out.append(current);
            current.clear();
        } else if (quoted) {
            current += c;
        }
    }
    out.append(current);
    return out;
}

bool charsetWidens(const QString &from, const QString &to)
{
    if (from == to)
        return true;
    static const QStringList subsetsOfUtf8mb4 = { u"ascii"_s, u"latin1"_s, u"utf8mb3"_s, u"utf8"_s, u"ucs2"_s };
    return to == u"utf8mb4" && subsetsOfUtf8mb4.contains(from);
}

QString integerLoss(const Column &from, const TypeInfo &a, const Column &to, const TypeInfo &b)
{
    if (b.capacity < a.capacity)
        return u"narrows "_s + from.type + u" to "_s + to.type;
    if (from.isUnsigned && !to.isUnsigned && b.capacity == a.capacity)
        return u"makes unsigned "_s + from.type + u" signed"_s;
    if (!from.isUnsigned && to.isUnsigned)
        return u"makes "_s + from.type + u" unsigned"_s;
    return {};
}

QString sameFamilyLoss(const Column &from, const TypeInfo &a, const Column &to, const TypeInfo &b)
{
    switch (a.family) {
    case Family::Integer:
        return integerLoss(from, a, to, b);
    case Family::Decimal: {
        const auto [p1, s1] = precisionScale(from.typeArgs);
        const auto [p2, s2] = precisionScale(to.typeArgs);
        if (p2 - s2 < p1 - s1 || s2 < s1 || (from.isUnsigned != to.isUnsigned && to.isUnsigned))
            return u"narrows decimal("_s + from.typeArgs + u") to decimal("_s + to.typeArgs + u')';
        return {};
    }
    case Family::Float:
        if (b.capacity < a.capacity || (from.typeArgs != to.typeArgs && !to.typeArgs.isEmpty()))
            return u"narrows "_s + from.type + u" to "_s + to.type;
        return {};
    case Family::String:
    case Family::Binary:
        if (b.capacity < a.capacity)
            return u"shortens "_s + from.type + u" to "_s + to.type
                + (to.typeArgs.isEmpty() ? QString() : u'(' + to.typeArgs + u')');
        return {};
    case Family::Temporal:
        if (b.capacity != a.capacity && !(a.capacity == 2 && b.capacity >= 4) && !(a.capacity == 4 && b.capacity == 5))
            return u"converts "_s + from.type + u" to "_s + to.type;
        if (to.typeArgs.toInt() < from.typeArgs.toInt())
            return u"reduces the fractional seconds of "_s + from.type;
        return {};
    case Family::Enum:
    case Family::Set: {
        const QStringList newMembers = members(to.typeArgs);
        for (const QString &m : members(from.typeArgs)) {
            if (!newMembers.contains(m))
                return u"removes "_s + from.type + u" member '"_s + m + u'\'';
        }
        return {};
    }
    case Family::Bit:
        return to.typeArgs.toInt() < from.typeArgs.toInt() ? u"narrows bit("_s + from.typeArgs + u')' : QString();
    case Family::Other:
        return from.type == to.type ? QString() : u"converts "_s + from.type + u" to "_s + to.type;
    }
    return {};
}

} // namespace

QString TypeChange::lossReason(
    const Column &from, const QString &fromCharset, const Column &to, const QString &toCharset)
{
    const TypeInfo a = infoOf(from);
    const TypeInfo b = infoOf(to);
    if (a.family != b.family) {
        const auto [precision, scale] = precisionScale(to.typeArgs);
        const bool widening = (a.family == Family::Integer && b.family == Family::Decimal && precision - scale >= 20)
            || (a.family == Family::Enum && b.family == Family::String && b.capacity >= 255);
        return widening ? QString() : u"converts "_s + from.type + u" to "_s + to.type;
    }
    if (const QString reason = sameFamilyLoss(from, a, to, b); !reason.isEmpty())
        return reason;
    if (a.family == Family::String && !charsetWidens(fromCharset, toCharset))
        return u"converts character set "_s + fromCharset + u" to "_s + toCharset;
    return {};
}

} // namespace Schema
