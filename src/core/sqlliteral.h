#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace Core {

// The one place where generated SQL spells values and names (copy as INSERT, export, completion and other
// generated queries). Every literal it writes means the same bytes whatever the session's sql_mode
// (NO_BACKSLASH_ESCAPES, ANSI_QUOTES) and never contains a backslash, so no statement splitter or server can
// read it differently:
//   - text without backslashes or control characters: '…' with quotes doubled;
//   - other valid UTF-8 text: a hex literal with a character set introducer, _utf8mb4 X'…';
//   - bytes that are not valid UTF-8, and binary values: a hex literal X'…' (a binary string).
class SqlLiteral
{
public:
    static QString string(QStringView text);
    // Text as the server sent it (UTF-8 bytes): string() when the bytes are valid UTF-8, else binary().
    static QString text(QByteArrayView utf8);
    static QString binary(QByteArrayView bytes);
    // `name` with backticks doubled (backticks quote identifiers under ANSI_QUOTES too).
    static QString identifier(QStringView name);

    static bool isValidUtf8(QByteArrayView bytes);
};

} // namespace Core
