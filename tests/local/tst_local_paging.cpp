// The sandbox's page envelope: page and per_page from the query, clamped; a page past the end is empty,
// whatever its number (no (page - 1) * per_page overflow for a huge page).

#include "local/httpcall.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonArray numbers(int count)
{
    QJsonArray items;
    for (int i = 1; i <= count; ++i)
        items.append(i);
    return items;
}

QJsonObject page(int count, const QString &query)
{
    return Local::listEnvelope(numbers(count), QUrlQuery(query));
}

} // namespace

class TestLocalPaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pages()
    {
        const QJsonObject third = page(5, u"page=3&per_page=2"_s);
        QCOMPARE(third[u"data"_s].toArray(), QJsonArray { 5 });
        QCOMPARE(third[u"current_page"_s].toInteger(), 3);
        QVERIFY(third[u"next_page"_s].isNull());
        QCOMPARE(third[u"prev_page"_s].toInteger(), 2);
        QCOMPARE(third[u"total_pages"_s].toInteger(), 3);

        const QJsonObject first = page(5, u"per_page=2"_s);
        QCOMPARE(first[u"data"_s].toArray(), (QJsonArray { 1, 2 }));
        QCOMPARE(first[u"next_page"_s].toInteger(), 2);
        QVERIFY(first[u"prev_page"_s].isNull());

        const QJsonObject exact = page(4, u"page=2&per_page=2"_s);
        QCOMPARE(exact[u"data"_s].toArray(), (QJsonArray { 3, 4 }));
        QVERIFY(exact[u"next_page"_s].isNull());
    }

    void clamped_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qint64>("page");
        QTest::addColumn<qint64>("perPage");
        QTest::newRow("defaults") << QString() << qint64(1) << qint64(25);
        QTest::newRow("zero") << u"page=0&per_page=0"_s << qint64(1) << qint64(25);
        QTest::newRow("negative") << u"page=-4&per_page=-1"_s << qint64(1) << qint64(25);
        QTest::newRow("not numbers") << u"page=abc&per_page=1e3"_s << qint64(1) << qint64(25);
        QTest::newRow("too many per page") << u"per_page=1000"_s << qint64(1) << qint64(100);
    }

    void clamped()
    {
        QFETCH(QString, query);
        QFETCH(qint64, page);
        QFETCH(qint64, perPage);
        const QJsonObject envelope = ::page(300, query);
        QCOMPARE(envelope[u"current_page"_s].toInteger(), page);
        QCOMPARE(envelope[u"per_page"_s].toInteger(), perPage);
        QCOMPARE(envelope[u"data"_s].toArray().size(), perPage);
        QCOMPARE(envelope[u"data"_s].toArray().first().toInteger(), 1);
    }

    void pastTheEnd_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("next after last") << u"page=4&per_page=1"_s;
        QTest::newRow("far") << u"page=1000000&per_page=100"_s;
        QTest::newRow("overflows int32") << u"page=4294967297&per_page=100"_s;
        QTest::newRow("largest qint64") << u"page=9223372036854775807&per_page=100"_s;
        QTest::newRow("largest qint64, 1 per page") << u"page=9223372036854775807&per_page=1"_s;
        QTest::newRow("beyond qint64") << u"page=99999999999999999999&per_page=100"_s;
    }

    void pastTheEnd()
    {
        QFETCH(QString, query);
        const QJsonObject envelope = page(3, query);
        if (query.contains(u"99999999999999999999"_s)) {
            QCOMPARE(envelope[u"current_page"_s].toInteger(), 1); // unreadable: the first page
            return;
        }
        QVERIFY2(envelope[u"data"_s].toArray().isEmpty(),
            qPrintable(QString::number(envelope[u"data"_s].toArray().size()) + u" items"_s));
        QVERIFY(envelope[u"next_page"_s].isNull());
        QCOMPARE(envelope[u"total_count"_s].toInteger(), 3);
    }
};

QTEST_GUILESS_MAIN(TestLocalPaging)
#include "tst_local_paging.moc"
