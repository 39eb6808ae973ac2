// The line diff: a valid shortest edit script (checked by replaying it), and side-by-side rows.

#include "schema/textdiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Schema::TextDiff;

namespace {

QStringList lines(const QString &text)
{
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

// Replays a script: the equal and removed lines must rebuild `from`, the equal and added ones `to`.
bool replays(const QList<TextDiff::Line> &script, const QStringList &from, const QStringList &to)
{
    QStringList left;
    QStringList right;
    for (const TextDiff::Line &l : script) {
        if (l.kind != TextDiff::Kind::Added)
            left.append(from.value(l.fromLine, u"<bad>"_s));
        if (l.kind != TextDiff::Kind::Removed)
            right.append(to.value(l.toLine, u"<bad>"_s));
        if (l.kind == TextDiff::Kind::Equal && from.value(l.fromLine) != to.value(l.toLine))
            return false;
    }
    return left == from && right == to;
}

qsizetype edits(const QList<TextDiff::Line> &script)
{
    return std::count_if(
        script.cbegin(), script.cend(), [](const TextDiff::Line &l) { return l.kind != TextDiff::Kind::Equal; });
}

// Length of a longest common subsequence, by dynamic programming: the reference for minimality.
qsizetype lcs(const QStringList &a, const QStringList &b)
{
    QList<QList<qsizetype>> t(a.size() + 1, QList<qsizetype>(b.size() + 1, 0));
    for (qsizetype i = 1; i <= a.size(); ++i)
        for (qsizetype j = 1; j <= b.size(); ++j)
            t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : qMax(t[i - 1][j], t[i][j - 1]);
    return t[a.size()][b.size()];
}

} // namespace

class TstSchemaTextDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void script_data();
    void script();
    void randomInputsAreMinimal();
    void sideBySidePairsChanges();
};

void TstSchemaTextDiff::script_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("edits");
    QTest::newRow("identical") << u"a\nb\nc"_s << u"a\nb\nc"_s << 0;
    QTest::newRow("both empty") << QString() << QString() << 0;
    QTest::newRow("from empty") << QString() << u"a\nb"_s << 2;
    QTest::newRow("to empty") << u"a\nb"_s << QString() << 2;
    QTest::newRow("insert middle") << u"a\nc"_s << u"a\nb\nc"_s << 1;
    QTest::newRow("delete head") << u"x\na\nb"_s << u"a\nb"_s << 1;
    QTest::newRow("replace one") << u"a\nb\nc"_s << u"a\nB\nc"_s << 2;
    QTest::newRow("myers paper") << u"A\nB\nC\nA\nB\nB\nA"_s << u"C\nB\nA\nB\nA\nC"_s << 5;
    QTest::newRow("create table")
        << u"CREATE TABLE `t` (\n  `a` int(11),\n  `b` int(11),\n  KEY `k` (`a`)\n)"_s
        << u"CREATE TABLE `t` (\n  `a` bigint(20),\n  `b` int(11),\n  `c` text,\n  KEY `k` (`a`)\n)"_s << 3;
}

void TstSchemaTextDiff::script()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    const QStringList a = lines(from);
    const QStringList b = lines(to);
    const QList<TextDiff::Line> result = TextDiff::lines(a, b);
    QVERIFY(replays(result, a, b));
    QTEST(int(edits(result)), "edits");
}

void TstSchemaTextDiff::randomInputsAreMinimal()
{
    QRandomGenerator rng(20261121);
    for (int round = 0; round < 300; ++round) {
        QStringList a;
        QStringList b;
        const int n = int(rng.bounded(25));
        const int m = int(rng.bounded(25));
        for (int i = 0; i < n; ++i)
            a.append(QString(QChar(u'a' + rng.bounded(4))));
        for (int i = 0; i < m; ++i)
            b.append(QString(QChar(u'a' + rng.bounded(4))));
        const QList<TextDiff::Line> result = TextDiff::lines(a, b);
        QVERIFY(replays(result, a, b));
        QCOMPARE(edits(result), a.size() + b.size() - 2 * lcs(a, b));
    }
}

void TstSchemaTextDiff::sideBySidePairsChanges()
{
    const QStringList a = lines(u"head\nold1\nold2\nsame\ngone\ntail"_s);
    const QStringList b = lines(u"head\nnew1\nsame\ntail\nextra"_s);
    const QList<TextDiff::Row> rows = TextDiff::sideBySide(a, b);
    QStringList rendered;
    for (const TextDiff::Row &r : rows) {
        const QChar mark = r.kind == TextDiff::Kind::Equal ? u'='
            : r.kind == TextDiff::Kind::Changed            ? u'~'
            : r.kind == TextDiff::Kind::Removed            ? u'-'
                                                           : u'+';
        rendered.append(mark + a.value(r.left, u"."_s) + u'|' + b.value(r.right, u"."_s));
    }
    QCOMPARE(rendered,
        (QStringList { u"=head|head"_s, u"~old1|new1"_s, u"-old2|."_s, u"=same|same"_s, u"-gone|."_s, u"=tail|tail"_s,
            u"+.|extra"_s }));
}

QTEST_GUILESS_MAIN(TstSchemaTextDiff)
#include "tst_schema_textdiff.moc"
