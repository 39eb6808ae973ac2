#include "ui/insights/sqlhighlighter.h"

#include "core/sqllexer.h"
#include "ui/common/theme.h"
#include "ui/editor/mysqllexer.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Ui {

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{ }

void SqlHighlighter::highlightBlock(const QString &text)
{
    static const QSet<QString> keywords = [] {
        QSet<QString> set;
        for (const QString &k : MySqlLexer::keywordList())
            set.insert(k.toUpper());
        for (const QString &f : MySqlLexer::functionList())
            set.insert(f.toUpper());
        return set;
    }();
    QTextCharFormat keyword;
    keyword.setForeground(Theme::tone(Tone::Info));
    keyword.setFontWeight(QFont::Bold);
    QTextCharFormat name;
    name.setForeground(Theme::tone(Tone::Success));
    QTextCharFormat literal;
    literal.setForeground(Theme::tone(Tone::Warning));
    QTextCharFormat comment;
    comment.setForeground(Theme::secondaryText());
    Core::SqlLexer lexer(text);
    while (!lexer.atEnd()) {
        const Core::SqlToken t = lexer.next();
        const QStringView word = lexer.text(t);
        switch (t.kind) {
        case Core::SqlTokenKind::Word:
            if (keywords.contains(word.toString().toUpper()))
                setFormat(int(t.begin), int(t.length()), keyword);
            break;
        case Core::SqlTokenKind::QuotedIdentifier:
            setFormat(int(t.begin), int(t.length()), name);
            break;
        case Core::SqlTokenKind::String:
        case Core::SqlTokenKind::Number:
            setFormat(int(t.begin), int(t.length()), literal);
            break;
        case Core::SqlTokenKind::Punctuation:
            if (word == u"?")
                setFormat(int(t.begin), int(t.length()), literal);
            break;
        case Core::SqlTokenKind::Comment:
            setFormat(int(t.begin), int(t.length()), comment);
            break;
        default:
            break;
        }
    }
}

} // namespace Ui
