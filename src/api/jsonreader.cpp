#include "api/jsonreader.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Api {

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object)
    , m_path(std::move(path))
    , m_root(this)
{ }

JsonReader::JsonReader(const QJsonObject &object, QString path, JsonReader &parent)
    : m_object(object)
    , m_path(std::move(path))
    , m_root(parent.m_root)
{ }

Core::Error JsonReader::parseError(const QString &detail)
{
    return Core::makeError(u"parse_error"_s, u"The server's answer could not be read."_s, detail);
}

QString JsonReader::describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QJsonValue JsonReader::value(const char *key) const
{
    if (!ok())
        return QJsonValue(QJsonValue::Undefined);
    return m_object.value(QLatin1StringView(key));
}

QString JsonReader::fieldPath(const char *key) const
{
    return m_path.isEmpty() ? QString::fromLatin1(key) : m_path + u'.' + QLatin1StringView(key);
}

void JsonReader::fail(const char *key, const QString &expected, const QJsonValue &found)
{
    failAt(fieldPath(key), expected, found);
}

void JsonReader::failAt(const QString &path, const QString &expected, const QJsonValue &found)
{
    if (!m_root->m_error) {
        m_root->m_error
            = parseError(u"field '"_s + path + u"': expected "_s + expected + u", found "_s + describeType(found));
    }
}

bool JsonReader::has(const char *key) const
{
    const QJsonValue v = value(key);
    return !v.isUndefined() && !v.isNull();
}

void JsonReader::require(const char *key)
{
    if (ok() && !has(key)) {
        m_root->m_error = parseError(u"field '"_s + fieldPath(key) + u"' is missing"_s);
    }
}

QString JsonReader::string(const char *key)
{
    const QJsonValue v = value(key);
    if (v.isString())
        return v.toString();
    if (!v.isUndefined() && !v.isNull())
        fail(key, u"a string"_s, v);
    return {};
}

std::optional<bool> JsonReader::optionalBoolean(const char *key)
{
    const QJsonValue v = value(key);
    if (v.isBool())
        return v.toBool();
    if (!v.isUndefined() && !v.isNull())
        fail(key, u"a boolean"_s, v);
    return std::nullopt;
}

bool JsonReader::boolean(const char *key)
{
    return optionalBoolean(key).value_or(false);
}

std::optional<double> JsonReader::optionalNumber(const char *key)
{
    const QJsonValue v = value(key);
    if (v.isDouble()) {
        // QJsonValue turns numbers outside double's range into infinities.
        if (!std::isfinite(v.toDouble())) {
            fail(key, u"a finite number"_s, v);
            return std::nullopt;
        }
        return v.toDouble();
    }
    if (!v.isUndefined() && !v.isNull())
        fail(key, u"a number"_s, v);
    return std::nullopt;
}

double JsonReader::number(const char *key)
{
    return optionalNumber(key).value_or(0.0);
}

std::optional<qint64> JsonReader::optionalInteger(const char *key)
{
    const std::optional<double> n = optionalNumber(key);
    if (!n)
        return std::nullopt;
    // Counts sometimes arrive as 12.0; a fraction is rounded rather than rejected.
    constexpr double limit = 9007199254740992.0; // 2^53: beyond it a double is not an exact integer
    if (std::fabs(*n) > limit) {
        fail(key, u"an integer"_s, QJsonValue(*n));
        return std::nullopt;
    }
    return static_cast<qint64>(std::llround(*n));
}

qint64 JsonReader::integer(const char *key)
{
    return optionalInteger(key).value_or(0);
}

QDateTime JsonReader::dateTime(const char *key)
{
    const QJsonValue v = value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        fail(key, u"an ISO 8601 date string"_s, v);
        return {};
    }
    const QString text = v.toString();
    if (text.isEmpty())
        return {};
    QDateTime result = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!result.isValid()) {
        if (!m_root->m_error) {
            m_root->m_error = parseError(
                u"field '"_s + fieldPath(key) + u"': '"_s + text.left(40) + u"' is not an ISO 8601 date"_s);
        }
        return {};
    }
    return result;
}

QStringList JsonReader::stringList(const char *key)
{
    QStringList result;
    const QJsonValue v = value(key);
    if (v.isUndefined() || v.isNull())
        return result;
    if (!v.isArray()) {
        fail(key, u"an array of strings"_s, v);
        return result;
    }
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            failAt(fieldPath(key) + u'[' + QString::number(i) + u']', u"a string"_s, array.at(i));
            return {};
        }
        result.append(array.at(i).toString());
    }
    return result;
}

QJsonArray JsonReader::array(const char *key)
{
    const QJsonValue v = value(key);
    if (v.isArray())
        return v.toArray();
    if (!v.isUndefined() && !v.isNull())
        fail(key, u"an array"_s, v);
    return {};
}

} // namespace Api
