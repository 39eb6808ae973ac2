#pragma once

#include "core/sqlsplitter.h"

#include "ui/editor/qsci.h"

#include <optional>

namespace Ui {

class CompletionSource;
class MySqlLexer;

// The SQL text editor of a query tab: MySQL highlighting, line numbers, brace matching, current-line
// highlight, comment toggle, zoom, find/replace, completion, and the markers a run leaves behind
// (the running statement, and a failing statement with the server's message).
// All offsets in this API are UTF-16 offsets into text(), as Core::SqlSplitter uses them.
class SqlEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit SqlEditor(QWidget *parent = nullptr);

    // Statements of the whole text.
    QList<Core::SqlStatement> statements() const;
    // The statement under the cursor (or the closest one before it).
    std::optional<Core::SqlStatement> statementAtCursor() const;
    // What Ctrl+Enter runs: the selection's statements, else the statement at the cursor. Offsets refer
    // to the whole text, so errors can be marked where they are.
    QList<Core::SqlStatement> statementsToRun() const;

    qsizetype cursorOffset() const;
    void setCursorOffset(qsizetype offset);
    void selectRange(qsizetype begin, qsizetype end);

    // Marks [begin, end) as failing: a squiggle, a marker in the margin and the message under the
    // statement's last line.
    void markError(qsizetype begin, qsizetype end, const QString &message);
    void clearErrors();
    int errorCount() const { return m_errorCount; }
    bool hasErrorMarker(int line) const;
    // Shows which statement is running (a light box); cleared by clearRunning().
    void markRunning(qsizetype begin, qsizetype end);
    void clearRunning();

    // Toggles "-- " on the selected lines (or the current line).
    void toggleComment();

    // Find/replace. Returns whether something was found (and selects it).
    bool find(const QString &text, bool caseSensitive, bool wholeWord, bool regex, bool forward = true);
    bool replaceCurrent(
        const QString &text, const QString &replacement, bool caseSensitive, bool wholeWord, bool regex);
    int replaceAll(const QString &text, const QString &replacement, bool caseSensitive, bool wholeWord, bool regex);

    // Completion words besides keywords and functions (tables, columns); replaces the previous set.
    void setCompletionWords(const QStringList &words);
    CompletionSource *completionSource() const { return m_completion; }

    int bytePosition(qsizetype utf16Offset) const;
    qsizetype utf16Offset(int bytePosition) const;

    // An action added below the editing commands of the context menu (e.g. "Show in Insights").
    void addContextMenuAction(QAction *action) { m_contextActions.append(action); }

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void fillIndicator(int indicator, qsizetype begin, qsizetype end);
    void updateMarginWidth();

    MySqlLexer *m_lexer;
    CompletionSource *m_completion;
    int m_errorIndicator = -1;
    int m_runningIndicator = -1;
    int m_errorMarker = -1;
    int m_errorCount = 0;
    int m_annotationStyle = 0;
    QList<QAction *> m_contextActions;
};

} // namespace Ui
