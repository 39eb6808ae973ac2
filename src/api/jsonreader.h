#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Api {

// Typed, forgiving-but-strict access to one JSON object of an API answer.
// Missing and null fields give the type's empty value (the API marks many fields nullable and servers
// differ in what they send); a field of the wrong type is an error naming the full path of the field.
// The first error wins; later reads return empty values. Child readers share the root's error.
class JsonReader
{
public:
    JsonReader(const QJsonObject &object, QString path);
    JsonReader(const JsonReader &) = delete;
    JsonReader &operator=(const JsonReader &) = delete;

    bool has(const char *key) const; // present and not null
    void require(const char *key); // error when missing or null

    QString string(const char *key);
    bool boolean(const char *key);
    std::optional<bool> optionalBoolean(const char *key);
    qint64 integer(const char *key); // accepts numbers written as floats (3.0)
    std::optional<qint64> optionalInteger(const char *key);
    double number(const char *key);
    std::optional<double> optionalNumber(const char *key);
    QDateTime dateTime(const char *key); // ISO 8601; invalid QDateTime when null
    QStringList stringList(const char *key);
    QJsonArray array(const char *key); // unparsed items; empty when missing or null
    // The keys of this object, for answers that are maps keyed by name (a storage report's keyspaces).
    QStringList keys() const { return m_object.keys(); }

    // Reads a nested object with `read`; std::nullopt when missing or null.
    template<typename T> std::optional<T> object(const char *key, const std::function<T(JsonReader &)> &read)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            fail(key, QStringLiteral("an object"), v);
            return std::nullopt;
        }
        JsonReader child(v.toObject(), fieldPath(key), *this);
        T result = read(child);
        return ok() ? std::optional<T>(std::move(result)) : std::nullopt;
    }

    // Reads an array of objects with `read`; empty when missing or null.
    template<typename T> QList<T> list(const char *key, const std::function<T(JsonReader &)> &read)
    {
        QList<T> result;
        const QJsonValue v = value(key);
        if (v.isUndefined() || v.isNull())
            return result;
        if (!v.isArray()) {
            fail(key, QStringLiteral("an array"), v);
            return result;
        }
        const QJsonArray array = v.toArray();
        result.reserve(array.size());
        for (qsizetype i = 0; i < array.size() && ok(); ++i) {
            const QString itemPath = fieldPath(key) + u'[' + QString::number(i) + u']';
            if (!array.at(i).isObject()) {
                failAt(itemPath, QStringLiteral("an object"), array.at(i));
                break;
            }
            JsonReader child(array.at(i).toObject(), itemPath, *this);
            result.append(read(child));
        }
        return result;
    }

    bool ok() const { return !m_root->m_error.has_value(); }
    Core::Error error() const { return m_root->m_error.value_or(Core::Error {}); }
    const QString &path() const { return m_path; }

    // The standard parse error: "the server's answer could not be read" + where and why.
    static Core::Error parseError(const QString &detail);
    static QString describeType(const QJsonValue &value);

private:
    JsonReader(const QJsonObject &object, QString path, JsonReader &parent);

    QJsonValue value(const char *key) const;
    QString fieldPath(const char *key) const;
    void fail(const char *key, const QString &expected, const QJsonValue &found);
    void failAt(const QString &path, const QString &expected, const QJsonValue &found);

    QJsonObject m_object;
    QString m_path;
    JsonReader *m_root;
    std::optional<Core::Error> m_error; // used only on the root
};

// Parses a whole JSON document whose top level is an object, with the given reader function.
template<typename T>
Core::Result<T> readObject(const QJsonValue &value, const QString &rootName, const std::function<T(JsonReader &)> &read)
{
    if (!value.isObject()) {
        return JsonReader::parseError(
            rootName + QStringLiteral(": expected an object, found ") + JsonReader::describeType(value));
    }
    JsonReader reader(value.toObject(), rootName);
    T result = read(reader);
    if (!reader.ok())
        return reader.error();
    return result;
}

} // namespace Api
