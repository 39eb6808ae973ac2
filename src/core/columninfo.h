#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Core {

// How a column's cells should be read and shown. Cells are always kept as the server's bytes (text
// protocol form), so DECIMAL, BIGINT UNSIGNED and dates stay exact; Binary cells are raw bytes.
enum class ColumnKind : quint8 {
    Integer,
    UnsignedInteger,
    Decimal,
    Float,
    Date,
    Time,
    DateTime,
    Text,
    Binary,
    Json,
    Bit,
    Other,
};

// Column metadata as plain values (no driver types), as reported by the server.
struct ColumnInfo
{
    QString name; // alias as shown
    QString originalName; // column name in the table, empty for expressions
    QString table;
    QString database;
    ColumnKind kind = ColumnKind::Other;
    int serverType = 0; // the protocol's field type number (enum_field_types)
    quint32 flags = 0; // NOT_NULL, PRI_KEY, UNSIGNED, BINARY, ... as sent by the server
    quint32 charset = 0; // collation id; 63 means binary
    quint64 length = 0; // display length
    quint32 decimals = 0;

    bool isNumeric() const
    {
        return kind == ColumnKind::Integer || kind == ColumnKind::UnsignedInteger || kind == ColumnKind::Decimal
            || kind == ColumnKind::Float;
    }
    bool operator==(const ColumnInfo &other) const = default;
};

} // namespace Core

Q_DECLARE_METATYPE(Core::ColumnInfo)
