// Quick open's fuzzy matching: order of characters, word starts, ranking, positions for highlighting.
#include "core/fuzzymatch.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Core::FuzzyMatch;

class TestFuzzyMatch : public QObject
{
    Q_OBJECT

private:
    static int score(const QString &pattern, const QString &text)
    {
        const auto m = FuzzyMatch::match(pattern, text);
        return m ? m->score : -1000000;
    }

private Q_SLOTS:
    void charactersMustAppearInOrder()
    {
        QVERIFY(FuzzyMatch::match(u"aos"_s, u"add-order-status"_s));
        QVERIFY(FuzzyMatch::match(u"AOS"_s, u"add-order-status"_s)); // case does not matter
        QVERIFY(!FuzzyMatch::match(u"soa"_s, u"add-order-status"_s));
        QVERIFY(!FuzzyMatch::match(u"mainx"_s, u"main"_s));
        QVERIFY(FuzzyMatch::match({}, u"anything"_s));
        QCOMPARE(FuzzyMatch::match({}, u"anything"_s)->score, 0);
    }

    void positionsFollowTheBestAlignment()
    {
        // The word starts, not the first a, d, … the text happens to contain.
        const auto m = FuzzyMatch::match(u"aos"_s, u"add-order-status"_s);
        QCOMPARE(m->positions, (QList<int> { 0, 4, 10 }));
        const auto run = FuzzyMatch::match(u"order"_s, u"demo / orders"_s);
        QCOMPARE(run->positions, (QList<int> { 7, 8, 9, 10, 11 }));
    }

    void ranksWordStartsRunsAndShortTexts()
    {
        // A run of consecutive characters beats scattered ones.
        QVERIFY(score(u"ord"_s, u"orders"_s) > score(u"ord"_s, u"o_r_d"_s));
        // Word starts beat middles: "st" → status before "last".
        QVERIFY(score(u"st"_s, u"add-order-status"_s) > score(u"st"_s, u"lastname"_s));
        // An exact name beats a longer one that contains it.
        QVERIFY(score(u"main"_s, u"main"_s) > score(u"main"_s, u"main-backup"_s));
        // Deploy request numbers: "#1" finds "#1 add-order-status → main" before "#12 …".
        QVERIFY(score(u"#1 "_s, u"#1 add-order-status → main"_s) > score(u"#1 "_s, u"#12 fix → main"_s));
        // camelCase counts as word starts.
        QVERIFY(score(u"oi"_s, u"orderItems"_s) > score(u"oi"_s, u"notion"_s));
    }
};

QTEST_APPLESS_MAIN(TestFuzzyMatch)
#include "tst_fuzzymatch.moc"
