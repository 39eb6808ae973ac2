#pragma once

#include <QByteArrayView>

namespace Core {

// Tells whether text is one JSON value (RFC 8259: object, array, string, number, true, false or null, with
// surrounding whitespace) in valid UTF-8, without building a document. Exports write such a JSON column's
// text as it is: a round trip through QJsonDocument would reorder keys, drop duplicate keys and turn integers
// beyond 2^53 into doubles.
class JsonText
{
public:
    static bool isValid(QByteArrayView utf8);
    // The number grammar alone: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
    static bool isNumber(QByteArrayView text);
};

} // namespace Core
