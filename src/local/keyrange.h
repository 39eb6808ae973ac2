#pragma once

#include "local/sqlsession.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Local {

// One column of the key a table is copied by, with the way its values are written back into SQL.
struct KeyColumn
{
    QString name;
    SqlSession::LiteralKind kind = SqlSession::LiteralKind::Text;
};

// A key value: one raw cell per key column, as the server sent it (bytes, never decoded).
using KeyValue = QList<QByteArray>;

// SQL conditions over a (possibly composite) key, written so the optimizer uses the key's index: the row
// comparison (a, b) > (x, y) is expanded into a > x OR (a = x AND b > y), which every MariaDB version
// turns into index ranges.
class KeyRange
{
public:
    explicit KeyRange(QList<KeyColumn> key)
        : m_key(std::move(key))
    { }

    const QList<KeyColumn> &columns() const { return m_key; }
    QString list(const QString &alias) const; // `a`, `b` (with "alias." when given)
    QString after(const QString &alias, const KeyValue &value) const; // key > value
    QString atMost(const QString &alias, const KeyValue &value) const; // key <= value
    QString before(const QString &alias, const KeyValue &value) const; // key < value
    QString equals(const QString &alias, const KeyValue &value) const; // key = value
    // Equality between two aliases' keys (a.k = b.k AND …), or against a prefix such as "NEW.".
    QString match(const QString &left, const QString &right) const;

    // A key value as JSON text (hex cells) for the journal, and back.
    static QByteArray encode(const KeyValue &value);
    static KeyValue decode(const QByteArray &json);

private:
    QString literal(int column, const KeyValue &value) const;
    QString column(const QString &alias, int index) const;
    QString compared(const QString &alias, const KeyValue &value, const QString &last) const;

    QList<KeyColumn> m_key;
};

} // namespace Local
