#include "ui/editor/completionsource.h"
#include "ui/editor/sqleditor.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Multibyte characters before the statements check the UTF-16 ↔ byte position mapping.
const QString Script = u"-- größe ✓ 🙂\n"
                       u"SELECT 'ä' AS a;\n"
                       u"DELIMITER //\n"
                       u"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\n"
                       u"DELIMITER ;\n"
                       u"SELECT * FROM nope;\n"_s;
} // namespace

class TestSqlEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statementAtCursor()
    {
        Ui::SqlEditor editor;
        editor.setText(Script);
        const auto all = editor.statements();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(1).text, u"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END"_s);

        // Cursor inside the procedure body, on the inner "SELECT 2".
        editor.setCursorOffset(Script.indexOf(u"SELECT 2"_s));
        QCOMPARE(editor.cursorOffset(), Script.indexOf(u"SELECT 2"_s));
        auto current = editor.statementAtCursor();
        QVERIFY(current);
        QCOMPARE(current->text, all.at(1).text);
        QCOMPARE(editor.statementsToRun().size(), 1);

        editor.setCursorOffset(Script.indexOf(u"nope"_s));
        QCOMPARE(editor.statementAtCursor()->text, u"SELECT * FROM nope"_s);
        QCOMPARE(editor.statementAtCursor()->begin, Script.indexOf(u"SELECT * FROM nope"_s));
    }

    void selectionRunsItsStatementsWithScriptOffsets()
    {
        Ui::SqlEditor editor;
        editor.setText(u"SELECT 0;\nSELECT 1; SELECT 2;\nSELECT 3;"_s);
        editor.selectRange(10, 29); // "SELECT 1; SELECT 2;"
        QCOMPARE(editor.bytePosition(10), 10);
        QCOMPARE(editor.utf16Offset(10), 10);
        QCOMPARE(int(editor.SendScintilla(QsciScintilla::SCI_GETSELECTIONSTART)), 10);
        QCOMPARE(editor.selectedText(), u"SELECT 1; SELECT 2;"_s);
        const auto run = editor.statementsToRun();
        QCOMPARE(run.size(), 2);
        QCOMPARE(run.at(0).text, u"SELECT 1"_s);
        QCOMPARE(run.at(0).begin, 10);
        QCOMPARE(run.at(1).begin, 20);
        QCOMPARE(run.at(1).end, 28);
    }

    void typingOverASelectionRunsTheStatement()
    {
        // Regression: QScintilla keeps hasSelectedText() true after typing replaced a selection, which made
        // Run execute an empty selection (nothing happened).
        Ui::SqlEditor editor;
        editor.show();
        editor.setText(u"SELECT 0;"_s);
        editor.selectAll();
        QTest::keyClicks(&editor, u"SELECT 42 AS answer"_s);
        QCOMPARE(editor.text(), u"SELECT 42 AS answer"_s);
        const auto run = editor.statementsToRun();
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.first().text, u"SELECT 42 AS answer"_s);
    }

    void errorMarker()
    {
        Ui::SqlEditor editor;
        editor.setText(Script);
        const qsizetype begin = Script.indexOf(u"SELECT * FROM nope"_s);
        editor.markError(begin, begin + 18, u"ERROR 1146 (42S02): Table 'x.nope' doesn't exist"_s);
        QCOMPARE(editor.errorCount(), 1);
        QVERIFY(editor.hasErrorMarker(5));
        QVERIFY(!editor.hasErrorMarker(1));
        QCOMPARE(editor.annotation(5), u"ERROR 1146 (42S02): Table 'x.nope' doesn't exist"_s);
        // The squiggle covers the statement: check its first and last byte.
        const int from = editor.bytePosition(begin);
        QVERIFY(editor.SendScintilla(QsciScintilla::SCI_INDICATORALLONFOR, from) != 0);
        QVERIFY(editor.SendScintilla(QsciScintilla::SCI_INDICATORALLONFOR, editor.bytePosition(begin + 17)) != 0);
        QCOMPARE(editor.SendScintilla(QsciScintilla::SCI_INDICATORALLONFOR, editor.bytePosition(begin - 2)), 0);

        editor.clearErrors();
        QCOMPARE(editor.errorCount(), 0);
        QVERIFY(!editor.hasErrorMarker(5));
        QVERIFY(editor.annotation(5).isEmpty());
        QCOMPARE(editor.SendScintilla(QsciScintilla::SCI_INDICATORALLONFOR, from), 0);
    }

    void toggleComment()
    {
        Ui::SqlEditor editor;
        editor.setText(u"  SELECT 1\n    FROM t\n\nWHERE x"_s);
        editor.setSelection(0, 0, 1, 3);
        editor.toggleComment();
        QCOMPARE(editor.text(), u"  -- SELECT 1\n  --   FROM t\n\nWHERE x"_s);
        editor.setSelection(0, 0, 1, 3);
        editor.toggleComment();
        QCOMPARE(editor.text(), u"  SELECT 1\n    FROM t\n\nWHERE x"_s);
        editor.setCursorPosition(3, 0);
        editor.toggleComment();
        QCOMPARE(editor.text(), u"  SELECT 1\n    FROM t\n\n-- WHERE x"_s);
        editor.undo();
        QCOMPARE(editor.text(), u"  SELECT 1\n    FROM t\n\nWHERE x"_s);
    }

    void findAndReplace()
    {
        Ui::SqlEditor editor;
        editor.setText(u"select a from t; SELECT b FROM t; selected"_s);
        editor.setCursorPosition(0, 0);
        QVERIFY(editor.find(u"select"_s, false, true, false));
        QCOMPARE(editor.selectedText(), u"select"_s);
        QVERIFY(editor.find(u"select"_s, false, true, false));
        QCOMPARE(editor.selectedText(), u"SELECT"_s);
        QVERIFY(!editor.find(u"missing"_s, false, false, false));
        QCOMPARE(editor.replaceAll(u"select"_s, u"SELECT"_s, true, true, false), 1);
        QCOMPARE(editor.text(), u"SELECT a from t; SELECT b FROM t; selected"_s);
        QCOMPARE(editor.replaceAll(u"f[a-z]+m"_s, u"FROM"_s, false, false, true), 2);
        QCOMPARE(editor.text(), u"SELECT a FROM t; SELECT b FROM t; selected"_s);
    }

    void completion()
    {
        Ui::SqlEditor editor;
        editor.setCompletionWords({ u"customers"_s, u"customer_id"_s, u"created_at"_s });
        const auto words = editor.completionSource()->completionsFor(u"cu"_s);
        QVERIFY(words.contains(u"customers"_s));
        QVERIFY(words.contains(u"customer_id"_s));
        QVERIFY(words.contains(u"CURRENT_DATE"_s)); // keyword
        QVERIFY(words.contains(u"curdate"_s)); // function
        QVERIFY(!words.contains(u"created_at"_s));
        QVERIFY(editor.completionSource()->completionsFor(u"CUSTOMERS"_s).isEmpty()); // exact word: nothing to add
        editor.setCompletionWords({});
        QVERIFY(!editor.completionSource()->completionsFor(u"cu"_s).contains(u"customers"_s));
    }

    void zoom()
    {
        Ui::SqlEditor editor;
        const int before = int(editor.SendScintilla(QsciScintilla::SCI_GETZOOM));
        editor.zoomIn();
        QCOMPARE(int(editor.SendScintilla(QsciScintilla::SCI_GETZOOM)), before + 1);
    }
};

QTEST_MAIN(TestSqlEditor)
#include "tst_sqleditor.moc"
