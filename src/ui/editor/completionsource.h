#pragma once

#include "ui/editor/qsci.h"

#include <QStringList>

namespace Ui {

// Completion words for the SQL editor: MySQL keywords and functions plus the tables and columns of the
// tab's database (set from outside, refreshed on demand). Synchronous on purpose: QsciAPIs prepares
// its word list on a thread that cannot be destroyed while running, and a few thousand words are
// filtered in well under a millisecond.
class CompletionSource : public QsciAbstractAPIs
{
    Q_OBJECT
public:
    explicit CompletionSource(QsciLexer *lexer);

    // Tables, columns, … ; replaces the previous set.
    void setSchemaWords(const QStringList &words);
    QStringList completionsFor(const QString &prefix) const;

    void updateAutoCompletionList(const QStringList &context, QStringList &list) override;
    QStringList callTips(
        const QStringList &context, int commas, QsciScintilla::CallTipsStyle style, QList<int> &shifts) override;

private:
    void rebuild();

    QStringList m_builtin;
    QStringList m_schema;
    QStringList m_sorted; // all words, sorted case-insensitively, de-duplicated
};

} // namespace Ui
