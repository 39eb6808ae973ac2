#pragma once

#include "ui/editor/qsci.h"

namespace Ui {

// QScintilla's SQL lexer with MySQL/MariaDB words: `#` comments, backslash escapes in strings,
// backtick identifiers, MySQL keywords and built-in functions (styled as KeywordSet5).
class MySqlLexer : public QsciLexerSQL
{
    Q_OBJECT
public:
    explicit MySqlLexer(QObject *parent = nullptr);

    const char *keywords(int set) const override;

    // For completion: upper-case keywords and lower-case function names.
    static QStringList keywordList();
    static QStringList functionList();
};

} // namespace Ui
