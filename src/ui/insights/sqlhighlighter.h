#pragma once

#include <QSyntaxHighlighter>

namespace Ui {

// Colours a pattern's SQL in a plain text view with the project's lexer: keywords and functions, quoted
// names, literals, and the placeholders (`?`) where values go. Each block is lexed alone: a pattern is one
// statement, usually on one line.
class SqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit SqlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace Ui
