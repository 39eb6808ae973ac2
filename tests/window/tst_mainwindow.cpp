// The window as a frame: layout (geometry, docks, splitter sizes, theme) saved and restored, the palette
// switch (View › Theme) recolouring tones, badges and icons, and Help › Keyboard Shortcuts listing every
// shortcut of the menus and of the sample widgets it is given.
#include "ui/common/badgelabel.h"
#include "ui/common/documentarea.h"
#include "ui/common/icons.h"
#include "ui/common/mainwindow.h"
#include "ui/common/quickopendialog.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/common/theme.h"
#include "ui/editor/runtoolbar.h"
#include "ui/editor/sqleditor.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using Ui::MainWindow;
using Ui::Theme;

namespace {

// Relative luminance (WCAG), for contrast checks.
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A document with a named splitter, as the deploy-request and schema documents have.
QWidget *splitDocument(const QString &title)
{
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(u"testDocumentSplitter"_s);
    splitter->addWidget(new QLabel(u"left"_s));
    splitter->addWidget(new QLabel(u"right"_s));
    splitter->setWindowTitle(title);
    return splitter;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { Ui::Icons::setPreferBundled(true); }
    void cleanup() { Theme::apply(Theme::Scheme::Light); }

    void layoutIsSavedAndRestored()
    {
        const QString path = m_dir.filePath(u"layout.ini"_s);
        {
            MainWindow window({});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1366, 768);
            window.deployRequestDock()->hide();
            window.removeDockWidget(window.branchDock());
            window.addDockWidget(Qt::RightDockWidgetArea, window.branchDock());
            window.branchDock()->show();
            auto *doc = static_cast<QSplitter *>(window.documents()->add(splitDocument(u"doc"_s), u"k:doc"_s));
            QTest::qWait(20);
            doc->setSizes({ 150, 600 });
            window.setScheme(Theme::Scheme::Dark);
            QSettings settings(path, QSettings::IniFormat);
            window.saveLayout(settings);
        }
        Theme::apply(Theme::Scheme::Light);
        MainWindow window({});
        QSettings settings(path, QSettings::IniFormat);
        window.restoreLayout(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1366, 768));
        QVERIFY(window.deployRequestDock()->isHidden());
        QCOMPARE(window.dockWidgetArea(window.branchDock()), Qt::RightDockWidgetArea);
        QCOMPARE(Theme::scheme(), Theme::Scheme::Dark);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QVERIFY(window.action(u"actionTheme_dark"_s)->isChecked());
        // A document opened after the restore gets its saved splitter sizes.
        auto *doc = static_cast<QSplitter *>(window.documents()->add(splitDocument(u"doc"_s), u"k:doc"_s));
        QTest::qWait(20);
        const QList<int> sizes = doc->sizes();
        QCOMPARE(sizes.size(), 2);
        QVERIFY2(std::abs(sizes.at(0) * 4 - sizes.at(1)) < 40, qPrintable(u"%1 %2"_s.arg(sizes[0]).arg(sizes[1])));
    }

    void themeMenuSwitchesThePalette()
    {
        MainWindow window({});
        window.show();
        auto *badge = new Ui::BadgeLabel(u"PRODUCTION"_s, Ui::Tone::Danger, &window);
        auto *tls = window.findChild<QLabel *>(u"tlsStatus"_s);
        window.setConnectionStatus(u"user@host"_s, u"TLSv1.3 · verified"_s, true);

        window.action(u"actionTheme_light"_s)->trigger();
        QCoreApplication::processEvents(); // palette changes reach the widgets through the event loop
        QVERIFY(!Theme::isDark(QApplication::palette()));
        const QColor lightDanger = Theme::tone(Ui::Tone::Danger);
        const QColor lightTls = tls->palette().color(QPalette::WindowText);
        const QByteArray lightIcon = Ui::Icons::recoloredSvg(u"vcs-branch"_s, QApplication::palette());
        const QImage lightBadge = badge->grab().toImage();

        window.action(u"actionTheme_dark"_s)->trigger();
        QCoreApplication::processEvents();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QVERIFY(window.action(u"actionTheme_dark"_s)->isChecked());
        QVERIFY(!window.action(u"actionTheme_light"_s)->isChecked());
        QVERIFY(Theme::tone(Ui::Tone::Danger) != lightDanger);
        // Widgets given a tone follow the scheme; icons are redrawn in the new text colour.
        QVERIFY(tls->palette().color(QPalette::WindowText) != lightTls);
        QCOMPARE(tls->palette().color(QPalette::WindowText), Theme::tone(Ui::Tone::Success));
        const QByteArray darkIcon = Ui::Icons::recoloredSvg(u"vcs-branch"_s, QApplication::palette());
        QVERIFY(darkIcon != lightIcon);
        QVERIFY(darkIcon.contains(QApplication::palette().color(QPalette::WindowText).name().toUtf8()));
        const QImage darkBadge = badge->grab().toImage();
        QVERIFY(!darkBadge.isNull());
        const QPoint middle(darkBadge.width() / 2, 2);
        QVERIFY2(darkBadge.pixelColor(middle) != lightBadge.pixelColor(middle),
            qPrintable(darkBadge.pixelColor(middle).name() + u" "_s + lightBadge.pixelColor(middle).name()));

        // Every tone stays readable on both palettes (WCAG AA for normal text is 4.5; 3 for large/bold).
        for (Theme::Scheme scheme : { Theme::Scheme::Light, Theme::Scheme::Dark }) {
            Theme::apply(scheme);
            const QPalette p = QApplication::palette();
            for (Ui::Tone tone : { Ui::Tone::Info, Ui::Tone::Success, Ui::Tone::Warning, Ui::Tone::Danger }) {
                const double onBase = contrast(Theme::tone(tone, p), p.color(QPalette::Base));
                QVERIFY2(onBase >= 3.0, qPrintable(u"tone %1 on base: %2"_s.arg(int(tone)).arg(onBase)));
                const double onBadge = contrast(Theme::onTone(tone, p), Theme::tone(tone, p));
                QVERIFY2(onBadge >= 3.0, qPrintable(u"text on badge %1: %2"_s.arg(int(tone)).arg(onBadge)));
                // Diff fills keep the text readable.
                QVERIFY(contrast(p.color(QPalette::Text), Theme::strongFill(tone, p)) >= 4.5);
            }
        }
    }

    void systemSchemeFollowsTheDesktop()
    {
        Theme::setSystemPrefersDark(false);
        Theme::apply(Theme::Scheme::System);
        QVERIFY(!Theme::isDark(QApplication::palette()));
        Theme::setSystemPrefersDark(true); // what the portal's SettingChanged reports
        QVERIFY(Theme::isDark(QApplication::palette()));
        Theme::apply(Theme::Scheme::Light); // an explicit choice is not overridden by the desktop
        Theme::setSystemPrefersDark(false);
        Theme::setSystemPrefersDark(true);
        QVERIFY(!Theme::isDark(QApplication::palette()));
        Theme::setSystemPrefersDark(false);
    }

    void shortcutsListEveryShortcut()
    {
        MainWindow window({});
        auto *editor = new Ui::SqlEditor;
        auto *toolbarOwner = new QWidget;
        new Ui::RunToolbar(u"demo/main"_s, false, toolbarOwner, toolbarOwner);
        window.addShortcutSource(u"SQL editor"_s, editor);
        window.addShortcutSource(u"SQL tab"_s, toolbarOwner);
        Ui::ShortcutsDialog *dialog = window.showShortcuts();
        const QStringList rows = dialog->rows();
        // Every menu action with a shortcut is listed with its keys.
        int menuShortcuts = 0;
        for (QAction *action : window.menuBar()->findChildren<QAction *>()) {
            if (action->shortcut().isEmpty() || action->menu())
                continue;
            ++menuShortcuts;
            QString text = action->text();
            text.remove(u'&');
            const QString keys = action->shortcut().toString(QKeySequence::NativeText);
            const bool listed = std::any_of(rows.cbegin(), rows.cend(),
                [&](const QString &row) { return row.contains(u" / "_s + text + u" / "_s) && row.contains(keys); });
            QVERIFY2(listed, qPrintable(text + u" " + keys + u"\n"_s + rows.join(u'\n')));
        }
        QVERIFY(menuShortcuts >= 8);
        for (const QString &expected : { u"Go / Quick Open… / Ctrl+K"_s, u"Go / Back / "_s,
                 u"SQL tab / Run / Ctrl+Return"_s, u"SQL tab / Run All / Ctrl+Shift+Return"_s,
                 u"SQL tab / Cancel / Esc"_s, u"SQL editor / Toggle Comment"_s }) {
            const bool listed
                = std::any_of(rows.cbegin(), rows.cend(), [&](const QString &row) { return row.startsWith(expected); });
            QVERIFY2(listed, qPrintable(expected + u"\n"_s + rows.join(u'\n')));
        }
        // The filter narrows the list.
        dialog->findChild<QLineEdit *>()->setText(u"Ctrl+K"_s);
        int visible = 0;
        for (int i = 0; i < dialog->list()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *section = dialog->list()->topLevelItem(i);
            for (int j = 0; j < section->childCount(); ++j)
                visible += section->child(j)->isHidden() ? 0 : 1;
        }
        QCOMPARE(visible, 1);
    }

    void quickOpenKeepsTheBestMatchSelectedAsItemsArrive()
    {
        MainWindow window({});
        window.resize(1200, 800);
        window.show();
        Ui::QuickOpenDialog quick(&window);
        auto item = [](Ui::QuickOpenItem::Kind kind, const QString &text) {
            return Ui::QuickOpenItem { kind, text, u"local / demo"_s, text, false };
        };
        auto *list = quick.findChild<QListView *>(u"quickOpenResults"_s);
        auto *query = quick.findChild<QLineEdit *>(u"quickOpenQuery"_s);
        QVERIFY(list && query);
        auto current = [&] { return list->currentIndex().data(Qt::DisplayRole).toString(); };
        QList<Ui::QuickOpenItem> items { item(Ui::QuickOpenItem::Kind::Branch, u"add-order-status"_s),
            item(Ui::QuickOpenItem::Kind::Database, u"demo"_s) };
        quick.setItems(items);
        quick.popup(&window);
        quick.setQuery(u"ord"_s);
        QCOMPARE(current(), u"add-order-status"_s);
        // The table list arrives later (the demo's quick open right after start): a better match becomes
        // the best and is the one selected, not the row that happened to be first before.
        items << item(Ui::QuickOpenItem::Kind::Table, u"orders"_s);
        quick.setItems(items);
        QCOMPARE(quick.results().first().text, u"orders"_s);
        QCOMPARE(list->currentIndex().row(), 0);
        QCOMPARE(current(), u"orders"_s);
        // A row chosen with the arrows stays chosen when more items come in…
        QTest::keyClick(query, Qt::Key_Down);
        QCOMPARE(current(), u"add-order-status"_s);
        items << item(Ui::QuickOpenItem::Kind::Table, u"order_items"_s);
        quick.setItems(items);
        QCOMPARE(current(), u"add-order-status"_s);
        // …until the query changes: then the best match again.
        quick.setQuery(u"orde"_s);
        QCOMPARE(list->currentIndex().row(), 0);
    }

    void everyIconTheWindowAsksForIsBundled()
    {
        MainWindow window({});
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->menu() || action->isSeparator() || action->text().isEmpty())
                continue;
            // Menu actions that have an icon name get one from the bundle (no blank icons without a theme).
            if (action->objectName().startsWith(u"action"_s) && !action->icon().isNull()) {
                const QPixmap pixmap = action->icon().pixmap(16, 16);
                QVERIFY2(!pixmap.isNull(), qPrintable(action->objectName()));
                const QImage image = pixmap.toImage();
                bool drawn = false;
                for (int y = 0; y < image.height() && !drawn; ++y) {
                    for (int x = 0; x < image.width() && !drawn; ++x)
                        drawn = qAlpha(image.pixel(x, y)) > 0;
                }
                QVERIFY2(drawn, qPrintable(action->objectName()));
            }
        }
        QVERIFY(Ui::Icons::isBundled(u"vcs-branch"_s));
        QVERIFY(!Ui::Icons::isBundled(u"no-such-icon"_s));
        QVERIFY(Ui::Icons::get(u"no-such-icon"_s).isNull());
        // Sharp at 2×: rendered at the device pixel ratio, not scaled up.
        const QPixmap twice = Ui::Icons::get(u"vcs-branch"_s).pixmap(QSize(16, 16), 2.0);
        QCOMPARE(twice.size(), QSize(32, 32));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
