#pragma once

#include "core/columninfo.h"

#include <QByteArrayView>

namespace Core {

// How text cells are ordered: like the column's collation (binary or case-sensitive collations order by
// bytes, the others ignore case), or explicitly by bytes, or case-insensitively (Unicode case folding).
enum class TextOrder : quint8 { Column, Binary, CaseInsensitive };

// Orders the cells of one column by their type, from the server's text form of the value: integers (signed
// and unsigned 64-bit), exact decimals, floating point, dates, times and date-times, BIT values, and text
// or binary by a collation close to the column's. Shared by sorting, filter conditions and statistics.
class CellComparator
{
public:
    enum class Type : quint8 { Signed, Unsigned, Float, Decimal, Date, Time, DateTime, Bit, Bytes, FoldedText };

    CellComparator() = default;
    explicit CellComparator(const ColumnInfo &column, TextOrder text = TextOrder::Column);

    Type type() const { return m_type; }
    bool isText() const { return m_type == Type::Bytes || m_type == Type::FoldedText; }
    bool isNumber() const;

    // An unsigned key whose order is the cells' order, for the types where one exists: integers, floats,
    // dates and times, BIT, and decimals that fit 18 digits at the column's scale. False when the type has
    // no such key or the cell is not in the type's form.
    bool key(QByteArrayView cell, quint64 *key) const;
    // The first bytes of a text cell after `skip` common bytes, as an unsigned key (folded when the order
    // ignores case): a < b implies prefix(a) <= prefix(b); equal prefixes need compare().
    quint64 textPrefix(QByteArrayView cell, qsizetype skip) const;
    // A key for every cell of the type that never contradicts compare() (a < b implies key(a) <= key(b)):
    // the exact key for most types, the value as a double for decimals, the text prefix for text.
    quint64 approximateKey(QByteArrayView cell) const;
    // <0, 0, >0 as a sorts before, like, or after b. Cells not in the type's form compare as bytes, after
    // the well-formed ones.
    int compare(QByteArrayView a, QByteArrayView b) const;
    // Whether the text is a value of the type (always for text).
    bool isWellFormed(QByteArrayView cell) const;
    // The value as a double (numbers only); false when it is not a number.
    bool toDouble(QByteArrayView cell, double *value) const;

    static TextOrder collationOrder(quint32 collationId);
    static int compareBytes(QByteArrayView a, QByteArrayView b);
    static int compareFolded(QByteArrayView a, QByteArrayView b);
    static int compareDecimal(QByteArrayView a, QByteArrayView b);

private:
    Type m_type = Type::Bytes;
    int m_scale = 0; // decimals of a DECIMAL column
};

} // namespace Core
