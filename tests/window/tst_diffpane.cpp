// The side-by-side diff pane wraps long DDL lines at word boundaries (a 1366×768 screen used to show
// `AUTO_INCRE` / `MENT,` on two lines), indents continuation lines, and still shows every character.
#include "ui/common/diffpane.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

} // namespace

class TestDiffPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longLinesWrapBetweenWords()
    {
        const QString from = u"CREATE TABLE `customers` (\n"
                             "  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n"
                             "  `created_at` datetime NOT NULL DEFAULT current_timestamp(),\n"
                             ") ENGINE=InnoDB AUTO_INCREMENT=8192 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"_s;
        const QString to = u"CREATE TABLE `customers` (\n"
                           "  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n"
                           "  `status` enum('new','paid','shipped','cancelled','refunded','lost') NOT NULL,\n"
                           "  `created_at` datetime NOT NULL DEFAULT current_timestamp(),\n"
                           ") ENGINE=InnoDB AUTO_INCREMENT=8192 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"_s;
        Ui::DiffPane pane;
        pane.setTexts(from, to);
        bool wrapped = false;
        // From a column of ~25 characters (a narrow dock) to one where nothing wraps.
        for (int width = 440; width <= 1400; width += 37) {
            for (int row = 0; row < pane.rowCount(); ++row) {
                for (bool left : { true, false }) {
                    const QStringList lines = pane.wrappedLines(row, left, width);
                    const QStringList sideText = (left ? pane.leftText() : pane.rightText()).split(u'\n');
                    if (sideText.at(row).isEmpty())
                        continue;
                    wrapped = wrapped || lines.size() > 1;
                    // Nothing lost: the lines are the text in order, apart only from the spaces broken at…
                    const QString original = sideText.at(row);
                    qsizetype pos = 0;
                    for (qsizetype i = 0; i < lines.size(); ++i) {
                        const QString &a = lines.at(i);
                        QCOMPARE(original.mid(pos, a.size()), a);
                        pos += a.size();
                        if (i + 1 == lines.size())
                            break;
                        if (original.at(pos) == u' ') {
                            ++pos;
                            continue;
                        }
                        // …and a word is cut only when its line had no space or comma past its first third.
                        const bool midWord = isWordChar(original.at(pos - 1)) && isWordChar(original.at(pos));
                        const bool noBetterBreak
                            = a.lastIndexOf(u' ') <= a.size() / 3 && a.lastIndexOf(u',') <= a.size() / 3;
                        QVERIFY2(!midWord || noBetterBreak,
                            qPrintable(u"width %1: '%2' | '%3'"_s.arg(width).arg(a, lines.at(i + 1))));
                    }
                    QCOMPARE(pos, original.size());
                }
            }
        }
        QVERIFY(wrapped);
        // The case from the screenshot: AUTO_INCREMENT stays whole.
        for (int width = 440; width <= 1400; width += 37) {
            for (const QString &line : pane.wrappedLines(1, true, width)) {
                QVERIFY(!line.endsWith(u"AUTO_INCRE"_s));
                QVERIFY(!line.startsWith(u"MENT"_s));
            }
        }
    }

    void wrappedRowsGrowThePane()
    {
        Ui::DiffPane pane;
        const QString line = u"  `note` varchar(255) NOT NULL DEFAULT 'a rather long default value for a column'"_s;
        pane.setTexts(line, line);
        const int oneLine = pane.heightForWidth(3000);
        QVERIFY(pane.heightForWidth(500) > oneLine);
        QCOMPARE(pane.wrappedLines(0, false, 3000), QStringList { line });
    }
};

QTEST_MAIN(TestDiffPane)
#include "tst_diffpane.moc"
