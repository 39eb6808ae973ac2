#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

namespace Core {

// One statement of a script. begin/end are UTF-16 offsets into the split text: [begin, end) covers the
// statement from its first significant character (executable comments such as /*!...*/ and /*vt+...*/ count)
// to its last one, without the delimiter. text is exactly that slice, so inner comments and hints are kept.
struct SqlStatement
{
    QString text;
    qsizetype begin = 0;
    qsizetype end = 0;
    QString delimiter; // the delimiter in force for this statement (";" unless DELIMITER changed it)

    qsizetype length() const { return end - begin; }
    bool operator==(const SqlStatement &other) const = default;
};

// Splits SQL scripts into statements the way the mysql command-line client does, on the tokens of
// SqlLexer (quotes, backticks, comments, executable comments, the delimiter in force); DELIMITER commands
// are consumed and never returned as statements.
class SqlSplitter
{
public:
    static QList<SqlStatement> split(QStringView sql);

    // The statement under a cursor position, or the closest one before it; -1 when there is none.
    static qsizetype statementAt(const QList<SqlStatement> &statements, qsizetype position);

    // True when the statement begins with the given keyword (case-insensitive), skipping comments,
    // whitespace and opening parentheses; used e.g. to recognise a plain SELECT.
    static bool startsWithKeyword(QStringView statement, QStringView keyword);
};

} // namespace Core

Q_DECLARE_METATYPE(Core::SqlStatement)
