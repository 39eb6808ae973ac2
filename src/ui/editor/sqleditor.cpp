#include "ui/editor/sqleditor.h"

#include "ui/editor/completionsource.h"
#include "ui/editor/mysqllexer.h"

#include "ui/editor/qsci.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>

#include <climits>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {
constexpr int MarkerMargin = 1;
constexpr int LineNumberMargin = 0;
} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new MySqlLexer(this))
{
    setUtf8(true);
    setLexer(m_lexer);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    setMarginType(LineNumberMargin, NumberMargin);
    setMarginLineNumbers(LineNumberMargin, true);
    setMarginType(MarkerMargin, SymbolMargin);
    setMarginWidth(MarkerMargin, 14);
    setMarginSensitivity(MarkerMargin, false);
    updateMarginWidth();
    connect(this, &QsciScintilla::linesChanged, this, &SqlEditor::updateMarginWidth);

    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    setCaretLineBackgroundColor(QColor(0xf3, 0xf6, 0xfa));
    setMatchedBraceBackgroundColor(QColor(0xcd, 0xe8, 0xd0));
    setUnmatchedBraceForegroundColor(QColor(0xc0, 0x39, 0x2b));
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setAutoIndent(true);
    setEolMode(EolUnix);
    setWrapMode(WrapNone);
    setFolding(BoxedTreeFoldStyle);
    setFoldMarginColors(palette().color(QPalette::Window), palette().color(QPalette::Window));
    setMarginsBackgroundColor(palette().color(QPalette::Window));
    setMarginsForegroundColor(palette().color(QPalette::PlaceholderText));
    // The horizontal scroll bar follows the longest line instead of a fixed 2000 px.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, true);

    m_errorIndicator = indicatorDefine(SquiggleIndicator);
    setIndicatorForegroundColor(QColor(0xd0, 0x30, 0x20), m_errorIndicator);
    m_runningIndicator = indicatorDefine(FullBoxIndicator);
    setIndicatorForegroundColor(QColor(0x30, 0x80, 0xe0, 40), m_runningIndicator);
    m_errorMarker = markerDefine(RightTriangle);
    setMarkerBackgroundColor(QColor(0xd0, 0x30, 0x20), m_errorMarker);
    setMarkerForegroundColor(QColor(0xd0, 0x30, 0x20), m_errorMarker);
    setAnnotationDisplay(AnnotationBoxed);
    // A dedicated style for error annotations (style numbers past the lexer's).
    QsciStyle errorStyle(-1, u"error annotation"_s, QColor(0x9b, 0x1c, 0x1c), QColor(0xfd, 0xec, 0xea),
        QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_annotationStyle = errorStyle.style();

    m_completion = new CompletionSource(m_lexer);
    setAutoCompletionSource(AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(true);

    // Editing commands that need shortcuts inside the editor itself.
    auto *comment = new QAction(tr("Toggle Comment"), this);
    comment->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    comment->setShortcutContext(Qt::WidgetShortcut);
    connect(comment, &QAction::triggered, this, &SqlEditor::toggleComment);
    addAction(comment);
    auto *zoomInAction = new QAction(tr("Zoom In"), this);
    zoomInAction->setShortcuts({ QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal) });
    zoomInAction->setShortcutContext(Qt::WidgetShortcut);
    connect(zoomInAction, &QAction::triggered, this, [this] { zoomIn(); });
    addAction(zoomInAction);
    auto *zoomOutAction = new QAction(tr("Zoom Out"), this);
    zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    zoomOutAction->setShortcutContext(Qt::WidgetShortcut);
    connect(zoomOutAction, &QAction::triggered, this, [this] { zoomOut(); });
    addAction(zoomOutAction);
    auto *zoomReset = new QAction(tr("Reset Zoom"), this);
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    zoomReset->setShortcutContext(Qt::WidgetShortcut);
    connect(zoomReset, &QAction::triggered, this, [this] { zoomTo(0); });
    addAction(zoomReset);
}

void SqlEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    if (!menu)
        return;
    if (!m_contextActions.isEmpty())
        menu->addSeparator();
    for (QAction *action : std::as_const(m_contextActions))
        menu->addAction(action);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void SqlEditor::updateMarginWidth()
{
    setMarginWidth(LineNumberMargin, u"0"_s + QString::number(qMax(lines(), 99)));
}

int SqlEditor::bytePosition(qsizetype utf16Offset) const
{
    const QString all = text();
    return int(QStringView(all).left(qBound<qsizetype>(0, utf16Offset, all.size())).toUtf8().size());
}

qsizetype SqlEditor::utf16Offset(int bytePosition) const
{
    if (bytePosition <= 0)
        return 0;
    QByteArray utf8 = bytes(0, bytePosition);
    utf8.chop(1); // QsciScintilla::bytes() includes the terminating NUL
    return QString::fromUtf8(utf8).size();
}

qsizetype SqlEditor::cursorOffset() const
{
    return utf16Offset(int(SendScintilla(SCI_GETCURRENTPOS)));
}

void SqlEditor::setCursorOffset(qsizetype offset)
{
    const int pos = bytePosition(offset);
    SendScintilla(SCI_GOTOPOS, pos);
}

void SqlEditor::selectRange(qsizetype begin, qsizetype end)
{
    SendScintilla(SCI_SETSEL, bytePosition(begin), bytePosition(end));
}

QList<Core::SqlStatement> SqlEditor::statements() const
{
    return Core::SqlSplitter::split(text());
}

std::optional<Core::SqlStatement> SqlEditor::statementAtCursor() const
{
    const auto all = statements();
    const qsizetype index = Core::SqlSplitter::statementAt(all, cursorOffset());
    if (index < 0)
        return std::nullopt;
    return all.at(index);
}

QList<Core::SqlStatement> SqlEditor::statementsToRun() const
{
    // Ask Scintilla for the range: QScintilla's hasSelectedText() is a cached flag that can stay set after
    // typing replaced a selection, which would run an empty selection instead of the statement.
    const int selectionStart = int(SendScintilla(SCI_GETSELECTIONSTART));
    const int selectionEnd = int(SendScintilla(SCI_GETSELECTIONEND));
    if (selectionEnd > selectionStart) {
        const qsizetype from = utf16Offset(selectionStart);
        const qsizetype to = utf16Offset(selectionEnd);
        const QString all = text();
        // The selection is split on its own: a DELIMITER command must be inside it to apply.
        auto selected = Core::SqlSplitter::split(QStringView(all).mid(from, to - from));
        for (auto &statement : selected) {
            statement.begin += from;
            statement.end += from;
        }
        return selected;
    }
    const auto current = statementAtCursor();
    return current ? QList<Core::SqlStatement> { *current } : QList<Core::SqlStatement> {};
}

void SqlEditor::fillIndicator(int indicator, qsizetype begin, qsizetype end)
{
    const int from = bytePosition(begin);
    const int to = bytePosition(end);
    SendScintilla(SCI_SETINDICATORCURRENT, indicator);
    SendScintilla(SCI_INDICATORFILLRANGE, from, qMax(1, to - from));
}

void SqlEditor::markError(qsizetype begin, qsizetype end, const QString &message)
{
    fillIndicator(m_errorIndicator, begin, end);
    const int firstLine = int(SendScintilla(SCI_LINEFROMPOSITION, bytePosition(begin)));
    const int lastLine = int(SendScintilla(SCI_LINEFROMPOSITION, bytePosition(end)));
    markerAdd(firstLine, m_errorMarker);
    const QString previous = annotation(lastLine);
    annotate(lastLine, previous.isEmpty() ? message : previous + u'\n' + message, m_annotationStyle);
    ++m_errorCount;
}

void SqlEditor::clearErrors()
{
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
    markerDeleteAll(m_errorMarker);
    clearAnnotations();
    m_errorCount = 0;
}

bool SqlEditor::hasErrorMarker(int line) const
{
    return (markersAtLine(line) & (1u << m_errorMarker)) != 0;
}

void SqlEditor::markRunning(qsizetype begin, qsizetype end)
{
    clearRunning();
    fillIndicator(m_runningIndicator, begin, end);
}

void SqlEditor::clearRunning()
{
    SendScintilla(SCI_SETINDICATORCURRENT, m_runningIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
}

void SqlEditor::toggleComment()
{
    int lineFrom = 0;
    int indexFrom = 0;
    int lineTo = 0;
    int indexTo = 0;
    if (hasSelectedText()) {
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (indexTo == 0 && lineTo > lineFrom)
            --lineTo; // a selection ending at a line start does not include that line
    } else {
        getCursorPosition(&lineFrom, &indexFrom);
        lineTo = lineFrom;
    }
    auto lineText = [this](int line) {
        QString t = text(line);
        while (t.endsWith(u'\n') || t.endsWith(u'\r'))
            t.chop(1);
        return t;
    };
    bool allCommented = true;
    int indent = INT_MAX;
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString t = lineText(line);
        const QString trimmed = t.trimmed();
        if (trimmed.isEmpty())
            continue;
        allCommented = allCommented && trimmed.startsWith(u"--"_s);
        int lead = 0;
        while (lead < t.size() && (t[lead] == u' ' || t[lead] == u'\t'))
            ++lead;
        indent = qMin(indent, lead);
    }
    if (indent == INT_MAX)
        return; // only blank lines
    beginUndoAction();
    for (int line = lineFrom; line <= lineTo; ++line) {
        const QString t = lineText(line);
        if (t.trimmed().isEmpty())
            continue;
        if (allCommented) {
            const int at = int(t.indexOf(u"--"_s));
            const int length = t.mid(at + 2).startsWith(u' ') ? 3 : 2;
            setSelection(line, at, line, at + length);
            removeSelectedText();
        } else {
            insertAt(u"-- "_s, line, indent);
        }
    }
    endUndoAction();
}

bool SqlEditor::find(const QString &needle, bool caseSensitive, bool wholeWord, bool regex, bool forward)
{
    if (needle.isEmpty())
        return false;
    int line = 0;
    int index = 0;
    if (!forward && hasSelectedText()) {
        int lineTo = 0;
        int indexTo = 0;
        getSelection(&line, &index, &lineTo, &indexTo); // search backwards from the selection's start
    } else {
        getCursorPosition(&line, &index);
    }
    return findFirst(needle, regex, caseSensitive, wholeWord, true, forward, line, index, true, false, true);
}

bool SqlEditor::replaceCurrent(
    const QString &needle, const QString &replacement, bool caseSensitive, bool wholeWord, bool regex)
{
    if (hasSelectedText()) {
        // Replace only if the selection is a match (findFirst from its start finds itself).
        int lineFrom = 0;
        int indexFrom = 0;
        int lineTo = 0;
        int indexTo = 0;
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (findFirst(needle, regex, caseSensitive, wholeWord, false, true, lineFrom, indexFrom, true)) {
            int l1 = 0, i1 = 0, l2 = 0, i2 = 0;
            getSelection(&l1, &i1, &l2, &i2);
            if (l1 == lineFrom && i1 == indexFrom && l2 == lineTo && i2 == indexTo) {
                replace(replacement);
                find(needle, caseSensitive, wholeWord, regex, true); // move on to the next match
                return true;
            }
        }
    }
    return find(needle, caseSensitive, wholeWord, regex, true);
}

int SqlEditor::replaceAll(
    const QString &needle, const QString &replacement, bool caseSensitive, bool wholeWord, bool regex)
{
    if (needle.isEmpty())
        return 0;
    int count = 0;
    beginUndoAction();
    bool found = findFirst(needle, regex, caseSensitive, wholeWord, false, true, 0, 0, false);
    while (found) {
        replace(replacement);
        ++count;
        found = findNext();
    }
    endUndoAction();
    return count;
}

void SqlEditor::setCompletionWords(const QStringList &words)
{
    m_completion->setSchemaWords(words);
}

} // namespace Ui
