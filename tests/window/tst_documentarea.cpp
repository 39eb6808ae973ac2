// The centre of the window: one tab per document key (reopening focuses), titles and icons that follow the
// documents, the production tone, Back/Forward over the documents visited, replace in place, closing.
#include "ui/common/documentarea.h"
#include "ui/common/icons.h"
#include "ui/common/theme.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using Ui::DocumentArea;

namespace {

QWidget *page(const QString &title)
{
    auto *w = new QLabel(title);
    w->setWindowTitle(title);
    return w;
}

} // namespace

class TestDocumentArea : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reopeningFocusesTheSameTab()
    {
        DocumentArea area;
        int created = 0;
        auto make = [&created](const QString &title) {
            return [&created, title] {
                ++created;
                return page(title);
            };
        };
        QWidget *a = area.open(u"deploy-request:acme/shop/1"_s, make(u"#1"_s));
        QWidget *b = area.open(u"schema:acme/shop/main"_s, make(u"main"_s));
        QCOMPARE(area.count(), 2);
        QCOMPARE(area.current(), b);
        QWidget *again = area.open(u"deploy-request:acme/shop/1"_s, make(u"#1 again"_s));
        QCOMPARE(again, a);
        QCOMPARE(created, 2); // the factory is not called for an open key
        QCOMPARE(area.count(), 2);
        QCOMPARE(area.current(), a);
        QCOMPARE(area.keyOf(a), u"deploy-request:acme/shop/1"_s);
        QCOMPARE(area.document(u"schema:acme/shop/main"_s), b);

        // add() with a key already open keeps the open one and drops the newcomer.
        QPointer<QWidget> duplicate = page(u"dup"_s);
        QCOMPARE(area.add(duplicate, u"schema:acme/shop/main"_s), b);
        QCOMPARE(area.count(), 2);
        QTRY_VERIFY(duplicate.isNull());
    }

    void tabsFollowTheDocumentsTitleIconAndProduction()
    {
        DocumentArea area;
        QWidget *doc = area.add(page(u"orders"_s), u"sql:1"_s);
        QTabWidget *tabs = area.tabWidget();
        QCOMPARE(tabs->tabText(0), u"orders"_s);
        doc->setWindowTitle(u"demo/main (reader)"_s);
        QCOMPARE(tabs->tabText(0), u"demo/main (reader)"_s);
        QVERIFY(tabs->tabIcon(0).isNull());
        doc->setWindowIcon(Ui::Icons::get(u"code-context"_s));
        QVERIFY(!tabs->tabIcon(0).isNull());
        doc->setToolTip(u"reader@127.0.0.1:3306"_s);
        QCOMPARE(tabs->tabToolTip(0), u"reader@127.0.0.1:3306"_s);
        QVERIFY(!tabs->tabBar()->tabTextColor(0).isValid());
        doc->setProperty("production", true);
        QCOMPARE(tabs->tabBar()->tabTextColor(0), Ui::Theme::tone(Ui::Tone::Danger, area.palette()));
        doc->setProperty("production", false);
        QVERIFY(!tabs->tabBar()->tabTextColor(0).isValid());
    }

    void backAndForwardWalkTheVisits()
    {
        DocumentArea area;
        QSignalSpy navigation(&area, &DocumentArea::navigationChanged);
        QWidget *a = area.add(page(u"a"_s), u"k:a"_s);
        QWidget *b = area.add(page(u"b"_s), u"k:b"_s);
        QWidget *c = area.add(page(u"c"_s), u"k:c"_s);
        QVERIFY(navigation.size() > 0);
        QVERIFY(area.canGoBack());
        QVERIFY(!area.canGoForward());
        area.goBack();
        QCOMPARE(area.current(), b);
        area.goBack();
        QCOMPARE(area.current(), a);
        QVERIFY(!area.canGoBack());
        area.goForward();
        QCOMPARE(area.current(), b);
        QVERIFY(area.canGoForward());
        // Visiting something new from the middle drops the forward history, as in a browser.
        area.focus(a);
        QVERIFY(!area.canGoForward());
        area.goBack();
        QCOMPARE(area.current(), b);
        area.goBack();
        QCOMPARE(area.current(), a); // visits: a, b, a (the forward c was dropped)
        Q_UNUSED(c);
    }

    void closingReturnsToThePreviousDocument()
    {
        DocumentArea area;
        QWidget *a = area.add(page(u"a"_s), u"k:a"_s);
        area.add(page(u"b"_s), u"k:b"_s);
        QWidget *c = area.add(page(u"c"_s), u"k:c"_s);
        area.focus(a);
        area.focus(c);
        QSignalSpy aboutToClose(&area, &DocumentArea::aboutToClose);
        QSignalSpy closed(&area, &DocumentArea::documentClosed);
        QPointer<QWidget> gone = c;
        area.close(c);
        QCOMPARE(aboutToClose.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), u"k:c"_s);
        QCOMPARE(area.current(), a); // the one visited before, not the neighbour tab
        QTRY_VERIFY(gone.isNull());
        QVERIFY(!area.document(u"k:c"_s));
        // The tab close button does the same.
        area.tabWidget()->tabCloseRequested(0);
        QCOMPARE(area.count(), 1);
    }

    void replaceKeepsPlaceKeyAndFocus()
    {
        DocumentArea area;
        area.add(page(u"a"_s), u"k:a"_s);
        QWidget *placeholder = area.add(page(u"restoring"_s), u"sql:42"_s);
        area.add(page(u"c"_s), u"k:c"_s);
        area.focus(placeholder);
        QWidget *real = page(u"demo/main (writer)"_s);
        area.replace(placeholder, real);
        QCOMPARE(area.tabWidget()->indexOf(real), 1);
        QCOMPARE(area.keyOf(real), u"sql:42"_s);
        QCOMPARE(area.document(u"sql:42"_s), real);
        QCOMPARE(area.current(), real);
        QCOMPARE(area.tabWidget()->tabText(1), u"demo/main (writer)"_s);
        QCOMPARE(area.count(), 3);
        area.goBack();
        QCOMPARE(area.keyOf(area.current()), u"k:c"_s);
    }

    void emptyAreaShowsItsPlaceholder()
    {
        DocumentArea area;
        auto *welcome = new QLabel(u"Welcome"_s);
        area.setEmptyWidget(welcome);
        area.show();
        QVERIFY(welcome->isVisible());
        QWidget *doc = area.add(page(u"a"_s), u"k:a"_s);
        QVERIFY(!welcome->isVisible());
        area.close(doc);
        QVERIFY(welcome->isVisible());
        // A document deleted by its owner goes too.
        QWidget *other = area.add(page(u"b"_s), u"k:b"_s);
        delete other;
        QCOMPARE(area.count(), 0);
        QVERIFY(!area.document(u"k:b"_s));
        QTRY_VERIFY(welcome->isVisible());
    }
};

QTEST_MAIN(TestDocumentArea)
#include "tst_documentarea.moc"
