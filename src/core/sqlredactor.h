#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Core {

// Takes secrets out of SQL text before it is kept anywhere (the query history). Built on SqlLexer, so only
// string literals in code are touched: a quoted identifier, a comment or a string that merely contains the
// words is never mistaken for a clause. Each secret string literal becomes '<redacted>':
//   - after IDENTIFIED … BY / AS / USING / REPLACE (CREATE USER, ALTER USER, GRANT … IDENTIFIED BY,
//     IDENTIFIED BY PASSWORD '<hash>', IDENTIFIED VIA plugin USING PASSWORD('…'), ALTER USER … REPLACE '…');
//   - the arguments of PASSWORD(…) and OLD_PASSWORD(…) anywhere;
//   - the value of SET PASSWORD [FOR account] = …;
//   - a literal given to a word ending in PASSWORD with or without '=' (MASTER_PASSWORD = '…',
//     SOURCE_PASSWORD, CREATE SERVER … OPTIONS (PASSWORD '…'); also `password = '…'` comparisons, on the
//     safe side).
// Comments are redacted by the same rules (a commented-out CREATE USER keeps no password). Text without
// secrets comes back unchanged, and redacting twice changes nothing more.
//
// A server's error message about a statement may quote it (a syntax error quotes it from where parsing failed,
// cut after 80 characters), so redactMessage() masks the statement's secrets — found by secrets() — in it too,
// including the start of one the cut left at the end of the excerpt.
class SqlRedactor
{
public:
    static QString redact(QStringView sql, QStringList *secrets = nullptr);
    static QStringList secrets(QStringView sql); // the secret literals as written, quotes included
    static QString redactMessage(QStringView message, const QStringList &secrets);
    static QString mask() { return QStringLiteral("'<redacted>'"); }
};

} // namespace Core
