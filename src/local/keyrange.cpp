#include "local/keyrange.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

QString KeyRange::column(const QString &alias, int index) const
{
    return (alias.isEmpty() ? QString() : alias + u'.') + SqlSession::ident(m_key[index].name);
}

QString KeyRange::literal(int index, const KeyValue &value) const
{
    return SqlSession::literal(value.value(index), m_key[index].kind);
}

QString KeyRange::list(const QString &alias) const
{
    QStringList parts;
    for (int i = 0; i < m_key.size(); ++i)
        parts << column(alias, i);
    return parts.join(u", "_s);
}

// (k1 OP v1) OR (k1 = v1 AND k2 OP v2) OR … with `last` the operator of the final column.
QString KeyRange::compared(const QString &alias, const KeyValue &value, const QString &last) const
{
    const QString strict = last.startsWith(u'>') ? u" > "_s : u" < "_s;
    QStringList alternatives;
    for (int i = 0; i < m_key.size(); ++i) {
        QStringList terms;
        for (int j = 0; j < i; ++j)
            terms << column(alias, j) + u" = "_s + literal(j, value);
        const QString op = i == m_key.size() - 1 ? u' ' + last + u' ' : strict;
        terms << column(alias, i) + op + literal(i, value);
        alternatives << (terms.size() == 1 ? terms.constFirst() : u'(' + terms.join(u" AND "_s) + u')');
    }
    return alternatives.size() == 1 ? alternatives.constFirst() : u'(' + alternatives.join(u" OR "_s) + u')';
}

QString KeyRange::after(const QString &alias, const KeyValue &value) const
{
    return compared(alias, value, u">"_s);
}

QString KeyRange::atMost(const QString &alias, const KeyValue &value) const
{
    return compared(alias, value, u"<="_s);
}

QString KeyRange::before(const QString &alias, const KeyValue &value) const
{
    return compared(alias, value, u"<"_s);
}

QString KeyRange::equals(const QString &alias, const KeyValue &value) const
{
    QStringList terms;
    for (int i = 0; i < m_key.size(); ++i)
        terms << column(alias, i) + u" = "_s + literal(i, value);
    return u'(' + terms.join(u" AND "_s) + u')';
}

QString KeyRange::match(const QString &left, const QString &right) const
{
    QStringList terms;
    for (const KeyColumn &k : m_key) {
        const QString name = SqlSession::ident(k.name);
        terms << left + name + u" = "_s + right + name;
    }
    return terms.join(u" AND "_s);
}

QByteArray KeyRange::encode(const KeyValue &value)
{
    QJsonArray cells;
    for (const QByteArray &cell : value)
        cells.append(cell.isNull() ? QJsonValue() : QJsonValue(QString::fromLatin1(cell.toHex())));
    return QJsonDocument(cells).toJson(QJsonDocument::Compact);
}

KeyValue KeyRange::decode(const QByteArray &json)
{
    KeyValue out;
    if (json.isNull())
        return out;
    const QJsonArray cells = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &cell : cells)
        out << (cell.isNull() ? QByteArray() : QByteArray::fromHex(cell.toString().toLatin1()));
    return out;
}

} // namespace Local
