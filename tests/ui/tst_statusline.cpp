// The one status-line widget: its colours come from the palette in use (they follow a switch to the dark
// scheme), it hides while empty, and no widget colours status text by hand any more (a scan of src/ui).
#include "ui/common/statusline.h"
#include "ui/common/theme.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::Theme;
using Ui::Tone;

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
