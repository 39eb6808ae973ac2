// The one status-line widget: its colours come from the palette in use (they follow a switch to the dark
// scheme), it hides while empty, a single line's new text is repainted without laying the window out again,
// and no widget colours status text by hand any more (a scan of src/ui).
#include "ui/common/statusline.h"
#include "ui/common/theme.h"

#include <QAction>
#include <QClipboard>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Ui::Theme;
using Ui::Tone;

namespace {

// Counts the layout requests that reach a window: each is a pass over every layout in it.
class LayoutCounter : public QObject
{
public:
    int requests = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::LayoutRequest)
            ++requests;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class TestStatusLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Theme::apply(Theme::Scheme::Light); }

    void errorsTakeTheDangerToneOfThePalette()
    {
        Theme::apply(Theme::Scheme::Light);
        QWidget window;
        auto *line = new Ui::StatusLine(&window);
        window.show();
        QVERIFY(line->isHidden());
        line->showError(u"Could not connect"_s);
        QVERIFY(!line->isHidden());
        QCOMPARE(line->text(), u"Could not connect"_s);
        QCOMPARE(line->tone(), Tone::Danger);
        const QColor lightDanger = line->palette().color(QPalette::WindowText);
        QCOMPARE(lightDanger, Theme::tone(Tone::Danger));
        QVERIFY(lightDanger != Theme::lightPalette().color(QPalette::WindowText));

        // The scheme changes under a visible error: the colour follows the new palette.
        Theme::apply(Theme::Scheme::Dark);
        const QColor darkDanger = line->palette().color(QPalette::WindowText);
        QCOMPARE(darkDanger, Theme::tone(Tone::Danger, Theme::darkPalette()));
        QVERIFY(darkDanger != lightDanger);
        QVERIFY(darkDanger.lightnessF() > Theme::darkPalette().color(QPalette::Window).lightnessF());

        // Plain text goes back to the palette's text colour; empty text hides the line.
        line->showMessage(u"Loading…"_s);
        QCOMPARE(line->palette().color(QPalette::WindowText), QApplication::palette().color(QPalette::WindowText));
        line->clearMessage();
        QVERIFY(line->isHidden());
        line->setHidesWhenEmpty(false);
        line->showMessage({}, Tone::Warning);
        QVERIFY(line->isHidden()); // left to whoever shows it (a page of a stack)
        line->show();
        QCOMPARE(line->palette().color(QPalette::WindowText), Theme::tone(Tone::Warning));
    }

    void runStatesTakeTheirTones()
    {
        Theme::apply(Theme::Scheme::Light);
        QWidget window;
        auto *line = new Ui::StatusLine(&window);
        window.show();
        line->showRunning(u"Running statement 1 of 2"_s);
        QCOMPARE(line->tone(), Tone::Info);
        QCOMPARE(line->palette().color(QPalette::WindowText), Theme::tone(Tone::Info));
        line->showDone(u"2 statements in 0.1 s."_s);
        QCOMPARE(line->tone(), Tone::Success);
        QCOMPARE(line->palette().color(QPalette::WindowText), Theme::tone(Tone::Success));
        // The text is drawn in the line's colour (its label inherits the palette).
        auto *label = line->findChild<QLabel *>();
        QVERIFY(label);
        QCOMPARE(label->palette().color(QPalette::WindowText), Theme::tone(Tone::Success));
        QCOMPARE(label->text(), u"2 statements in 0.1 s."_s);
    }

    // A ticker sets new text ten times a second while rows stream: a single line only repaints, where a
    // paragraph (and a QLabel) lays the whole window out again each time.
    void singleLineTextDoesNotLayOutTheWindow()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *edit = new QLineEdit(&window);
        auto *single = new Ui::StatusLine(&window);
        auto *paragraph = new Ui::StatusLine(&window);
        layout->addWidget(edit);
        layout->addWidget(single);
        layout->addWidget(paragraph);
        single->setSingleLine(true);
        single->setHidesWhenEmpty(false);
        single->show();
        paragraph->showMessage(u"Ready."_s);
        window.resize(400, 200);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        const QRect lineGeometry = single->geometry();
        const QSize hint = single->sizeHint();

        LayoutCounter counter;
        window.installEventFilter(&counter);
        for (int i = 0; i < 20; ++i) {
            single->showRunning(u"Running… %1 rows · %2 s"_s.arg(i * 12345).arg(i / 10.0));
            QCoreApplication::processEvents();
        }
        single->showDone(u"1,000,000 rows · 1.8 s and a much longer text than before"_s);
        QCoreApplication::processEvents();
        QCOMPARE(counter.requests, 0);
        QCOMPARE(single->sizeHint(), hint);
        QCOMPARE(single->geometry(), lineGeometry);
        QCOMPARE(single->findChild<QLabel *>()->height(), single->contentsRect().height());

        // The same texts in a paragraph: the window is laid out again (what the single line avoids).
        for (int i = 0; i < 3; ++i) {
            paragraph->showMessage(u"Running… %1 rows"_s.arg(i * 12345));
            QCoreApplication::processEvents();
        }
        QVERIFY(counter.requests > 0);
    }

    void singleLineElidesAndCopiesTheWholeText()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *line = new Ui::StatusLine(&window);
        layout->addWidget(line);
        line->setSingleLine(true);
        window.resize(160, 60);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString text = u"ERROR 1064 (42000): You have an error in your SQL syntax;\nnear 'FORM t' at line 1"_s;
        line->showError(text);
        QCoreApplication::processEvents();
        QVERIFY(line->isVisible());
        QCOMPARE(line->text(), text);
        auto *label = line->findChild<QLabel *>();
        QVERIFY(label);
        QVERIFY(label->text().endsWith(u'\u2026'));
        QVERIFY(!label->text().contains(u'\n')); // one line
        QVERIFY(label->fontMetrics().horizontalAdvance(label->text()) <= line->contentsRect().width());
        QCOMPARE(line->toolTip(), text);
        const auto actions = line->actions();
        QCOMPARE(actions.size(), 1);
        actions.first()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), text);

        // Wide enough: shown whole, no tooltip.
        line->showError(u"Short."_s);
        QCOMPARE(label->text(), u"Short."_s);
        QVERIFY(line->toolTip().isEmpty());

        // A reserved width: exactly that wide, whatever it shows.
        auto *count = new Ui::StatusLine(&window);
        count->reserveWidth(u"9,999,999 of 9,999,999 rows"_s);
        QCOMPARE(count->sizePolicy().horizontalPolicy(), QSizePolicy::Fixed);
        const QSize reserved = count->sizeHint();
        count->showMessage(u"1 of 1,000 rows"_s);
        QCOMPARE(count->sizeHint(), reserved);
        QCOMPARE(count->minimumSizeHint(), reserved);
    }

    // A paragraph wraps and grows with its text; switched to a single line it keeps one line's height.
    void paragraphWrapsAndFollowsItsText()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *line = new Ui::StatusLine(&window);
        layout->addWidget(line);
        layout->addStretch(1);
        window.resize(200, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        line->showMessage(u"One."_s);
        QTRY_VERIFY(line->isVisible());
        QCoreApplication::processEvents();
        const int oneLine = line->height();
        line->showMessage(QString(u"a longer status that has to wrap over several lines "_s).repeated(4));
        QTRY_VERIFY(line->height() > 2 * oneLine);
        QVERIFY(line->hasHeightForWidth());
        line->setSingleLine(true);
        QTRY_COMPARE(line->height(), line->sizeHint().height());
        QVERIFY(line->height() < 2 * oneLine);
    }

    void noWidgetColoursStatusTextByHand()
    {
        const QString source = qEnvironmentVariable("BRANCHDECK_SOURCE_DIR");
        QVERIFY2(!source.isEmpty(), "BRANCHDECK_SOURCE_DIR is not set");
        // Fixed colours in style sheets, item foregrounds and brushes ignore the palette (dark scheme).
        const QRegularExpression byHand(
            uR"(color:\s*(#|white|black|red\b)|setForeground\(QColor\(|QBrush\(QColor\(|Qt::red\b)"_s);
        QStringList offenders;
        int scanned = 0;
        QDirIterator it(source + u"/src/ui"_s, { u"*.cpp"_s, u"*.h"_s }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++scanned;
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (byHand.match(lines.at(i)).hasMatch())
                    offenders << u"%1:%2: %3"_s.arg(path.mid(source.size() + 1)).arg(i + 1).arg(lines.at(i).trimmed());
            }
        }
        QVERIFY(scanned > 50);
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u'\n')));
    }
};

QTEST_MAIN(TestStatusLine)
#include "tst_statusline.moc"
