// Word-level differences inside a changed line, as the side-by-side diff marks them.
#include "schema/worddiff.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Schema::WordDiff;

namespace {

QStringList texts(const QString &line, const QList<WordDiff::Range> &ranges)
{
    QStringList result;
    for (const WordDiff::Range &r : ranges)
        result << line.mid(r.begin, r.length);
    return result;
}

} // namespace

class TestWordDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenisesSqlWords()
    {
        const QString line = u"  `order id` bigint(20) DEFAULT 'it''s' NOT NULL,"_s;
        QStringList tokens;
        for (const WordDiff::Range &r : WordDiff::words(line))
            tokens << line.mid(r.begin, r.length);
        QCOMPARE(tokens,
            (QStringList { u"  "_s, u"`order id`"_s, u" "_s, u"bigint"_s, u"("_s, u"20"_s, u")"_s, u" "_s, u"DEFAULT"_s,
                u" "_s, u"'it''s'"_s, u" "_s, u"NOT"_s, u" "_s, u"NULL"_s, u","_s }));
        // The words cover the line exactly.
        int covered = 0;
        for (const WordDiff::Range &r : WordDiff::words(line))
            covered += r.length;
        QCOMPARE(covered, line.size());
    }

    void marksOnlyTheChangedWords()
    {
        const QString from = u"  `id` bigint(20) NOT NULL AUTO_INCREMENT,"_s;
        const QString to = u"  `id` bigint unsigned NOT NULL AUTO_INCREMENT,"_s;
        const WordDiff::Result r = WordDiff::compare(from, to);
        QCOMPARE(texts(from, r.removed), QStringList { u"(20)"_s });
        QCOMPARE(texts(to, r.added), QStringList { u" unsigned"_s });
    }

    void marksSeveralPlacesAndMergesNeighbours()
    {
        const QString from = u"  KEY `idx_status` (`status`),"_s;
        const QString to = u"  UNIQUE KEY `idx_state` (`state`, `id`),"_s;
        const WordDiff::Result r = WordDiff::compare(from, to);
        QCOMPARE(texts(from, r.removed), (QStringList { u"`idx_status`"_s, u"`status`"_s }));
        QCOMPARE(texts(to, r.added), (QStringList { u"UNIQUE "_s, u"`idx_state`"_s, u"`state`, `id`"_s }));
    }

    void identicalAndDisjointLines()
    {
        const QString same = u"PRIMARY KEY (`id`)"_s;
        const WordDiff::Result none = WordDiff::compare(same, same);
        QVERIFY(none.removed.isEmpty());
        QVERIFY(none.added.isEmpty());
        const WordDiff::Result all = WordDiff::compare(u"abc"_s, u"xyz"_s);
        QCOMPARE(all.removed, (QList<WordDiff::Range> { { 0, 3 } }));
        QCOMPARE(all.added, (QList<WordDiff::Range> { { 0, 3 } }));
        const WordDiff::Result fromEmpty = WordDiff::compare(QString(), u"a b"_s);
        QCOMPARE(fromEmpty.added, (QList<WordDiff::Range> { { 0, 3 } }));
    }
};

QTEST_APPLESS_MAIN(TestWordDiff)
#include "tst_schema_worddiff.moc"
