#include "core/sqllexer.h"
#include "core/sqlsplitter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::SqlLexer;
using Core::SqlToken;
using Core::SqlTokenKind;

namespace {

QList<SqlToken> tokenize(QStringView text, const QString &delimiter = u";"_s)
{
    QList<SqlToken> out;
    SqlLexer lexer(text, delimiter);
    while (!lexer.atEnd())
        out.append(lexer.next());
    return out;
}

// "kind:text" per token, whitespace left out, for readable expectations.
QStringList describe(QStringView text, const QString &delimiter = u";"_s)
{
    static const char *names[]
        = { "ws", "comment", "hint", "exec", "/exec", "word", "qid", "str", "num", "var", "punct", "delim" };
    QStringList out;
    for (const SqlToken &t : tokenize(text, delimiter)) {
        if (t.kind != SqlTokenKind::Whitespace)
            out << QString::fromLatin1(names[int(t.kind)]) + u':' + text.mid(t.begin, t.length()).toString();
    }
    return out;
}

// Pieces of SQL, nasty ones included, that random scripts are made of. "Closed" pieces end every quote
// and comment they open.
const QStringList closedPieces { u"SELECT"_s, u" "_s, u"\n"_s, u"\t"_s, u"'a;b'"_s, u"\"x;\""_s, u"`q;``r`"_s,
    u"-- c;\n"_s, u"# h; x\n"_s, u"/* b; */"_s, u"/*!40101 SET x=1; */"_s, u"/*M!100100 a;b */"_s, u"/*+ HINT(;) */"_s,
    u"/*vt+ X=1 */"_s, u";"_s, u"("_s, u")"_s, u"1.5e3"_s, u"@v"_s, u"@@global.x"_s, u"'it\\'s'"_s, u"'it''s'"_s,
    u"''"_s, u"1--1"_s, u"é"_s, u"t1"_s, u"."_s, u"0x1F"_s, u"$"_s, u"-"_s, u"/"_s, u"*"_s, u"WHERE"_s, u"DROP"_s,
    u"日本"_s, u"'\\\\'"_s };
const QStringList openPieces { u"'"_s, u"\""_s, u"`"_s, u"/*"_s, u"/*!"_s, u"--"_s, u"#"_s, u"\\"_s, u"*/"_s };

QString randomScript(QRandomGenerator &random, const QStringList &pieces, int maxPieces)
{
    QString s;
    const int n = int(random.bounded(maxPieces + 1));
    for (int i = 0; i < n; ++i)
        s += pieces.at(int(random.bounded(qsizetype(pieces.size()))));
    return s;
}

quint32 propertySeed()
{
    const quint32 seed = qEnvironmentVariableIsSet("BRANCHDECK_PROPERTY_SEED")
        ? quint32(qEnvironmentVariableIntValue("BRANCHDECK_PROPERTY_SEED"))
        : 20240613u;
    qInfo("property seed %u (set BRANCHDECK_PROPERTY_SEED to vary)", seed);
    return seed;
}

} // namespace

class TestSqlLexer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void delimiterWithinWords();
    void startsWithExecutableComment();
    void propertyTokensTileTheText();
    void propertyStatementsAreTheRunsBetweenDelimiters();
    void propertyStatementsSplitAlone();
    void propertyJoinedStatementsSplitBack();
};

void TestSqlLexer::tokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("words and punctuation")
        << u"SELECT a,b FROM t1"_s
        << QStringList { u"word:SELECT"_s, u"word:a"_s, u"punct:,"_s, u"word:b"_s, u"word:FROM"_s, u"word:t1"_s };
    QTest::newRow("strings and names") << u"'a''b' \"c\\\"d\" `e``f`"_s
                                       << QStringList { u"str:'a''b'"_s, u"str:\"c\\\"d\""_s, u"qid:`e``f`"_s };
    QTest::newRow("comments") << u"-- x\n# y\n/* z */ 1--1"_s
                              << QStringList { u"comment:-- x"_s, u"comment:# y"_s, u"comment:/* z */"_s, u"num:1"_s,
                                     u"punct:-"_s, u"punct:-"_s, u"num:1"_s };
    QTest::newRow("executable comment is code")
        << u"/*!40101 SET a=1 */"_s
        << QStringList { u"exec:/*!40101"_s, u"word:SET"_s, u"word:a"_s, u"punct:="_s, u"num:1"_s, u"/exec:*/"_s };
    QTest::newRow("mariadb executable comment")
        << u"/*M!100100 DROP */"_s << QStringList { u"exec:/*M!100100"_s, u"word:DROP"_s, u"/exec:*/"_s };
    QTest::newRow("hints") << u"SELECT /*+ BKA(t) */ /*vt+ A=1 */ 1"_s
                           << QStringList { u"word:SELECT"_s, u"hint:/*+ BKA(t) */"_s, u"hint:/*vt+ A=1 */"_s,
                                  u"num:1"_s };
    QTest::newRow("numbers and names from digits")
        << u"1.5e-3 .5 0x1F 1st_q"_s << QStringList { u"num:1.5e-3"_s, u"num:.5"_s, u"num:0x1F"_s, u"word:1st_q"_s };
    QTest::newRow("variables") << u"@a @@global.x 'u'@'h' @`q r`"_s
                               << QStringList { u"var:@a"_s, u"var:@@global.x"_s, u"str:'u'"_s, u"var:@'h'"_s,
                                      u"var:@`q r`"_s };
    QTest::newRow("delimiter") << u"SELECT 1; SELECT 2"_s
                               << QStringList { u"word:SELECT"_s, u"num:1"_s, u"delim:;"_s, u"word:SELECT"_s,
                                      u"num:2"_s };
    QTest::newRow("no delimiter inside strings or executable comments")
        << u"';' /*!50003 a; */;"_s
        << QStringList { u"str:';'"_s, u"exec:/*!50003"_s, u"word:a"_s, u"punct:;"_s, u"/exec:*/"_s, u"delim:;"_s };
    QTest::newRow("unterminated string runs to the end")
        << u"SELECT 'abc; x"_s << QStringList { u"word:SELECT"_s, u"str:'abc; x"_s };
    QTest::newRow("unterminated executable comment") << u"/*! DROP"_s << QStringList { u"exec:/*!"_s, u"word:DROP"_s };
    QTest::newRow("non-ascii identifier") << u"SELECT größe"_s << QStringList { u"word:SELECT"_s, u"word:größe"_s };
}

void TestSqlLexer::tokens()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(sql), expected);
}

void TestSqlLexer::delimiterWithinWords()
{
    // As in the mysql client, a custom delimiter ends a statement wherever it appears outside quotes and
    // comments, even glued to a word.
    QCOMPARE(describe(u"END$$ x"_s, u"$$"_s), (QStringList { u"word:END"_s, u"delim:$$"_s, u"word:x"_s }));
    QCOMPARE(describe(u"select 1 go"_s, u"GO"_s), (QStringList { u"word:select"_s, u"num:1"_s, u"delim:go"_s }));
    QCOMPARE(
        describe(u"'$$' -- $$\n$$"_s, u"$$"_s), (QStringList { u"str:'$$'"_s, u"comment:-- $$"_s, u"delim:$$"_s }));
}

void TestSqlLexer::startsWithExecutableComment()
{
    QVERIFY(Core::SqlSplitter::startsWithKeyword(u"/*!40101 SET NAMES utf8 */"_s, u"SET"));
    QVERIFY(!Core::SqlSplitter::startsWithKeyword(u"/* SET */ SELECT 1"_s, u"SET"));
    QVERIFY(!Core::SqlSplitter::startsWithKeyword(u"/*+ SET */ SELECT 1"_s, u"SET"));
}

void TestSqlLexer::propertyTokensTileTheText()
{
    QRandomGenerator random(propertySeed());
    const QStringList all = closedPieces + openPieces;
    const QStringList delimiters { u";"_s, u"$$"_s, u"//"_s, u"GO"_s, u";;"_s };
    for (int round = 0; round < 3000; ++round) {
        const QString sql = randomScript(random, all, 30);
        const QString delimiter = delimiters.at(round % delimiters.size());
        qsizetype at = 0;
        SqlLexer lexer(sql, delimiter);
        while (!lexer.atEnd()) {
            const SqlToken t = lexer.next();
            if (t.begin != at || t.end <= t.begin || t.end > sql.size())
                QFAIL(qPrintable(u"tokens do not tile %1 (delimiter %2) at %3"_s.arg(sql, delimiter).arg(at)));
            at = t.end;
        }
        QCOMPARE(at, sql.size());
    }
}

// The splitter's statements are exactly the runs of significant tokens between delimiter tokens.
void TestSqlLexer::propertyStatementsAreTheRunsBetweenDelimiters()
{
    QRandomGenerator random(propertySeed());
    const QStringList all = closedPieces + openPieces;
    for (int round = 0; round < 3000; ++round) {
        const QString sql = randomScript(random, all, 30);
        QList<qsizetype> expected;
        qsizetype begin = -1;
        qsizetype end = -1;
        for (const SqlToken &t : tokenize(sql)) {
            if (t.kind == SqlTokenKind::Delimiter) {
                if (begin >= 0)
                    expected << begin << end;
                begin = -1;
            } else if (t.isSignificant()) {
                if (begin < 0)
                    begin = t.begin;
                end = t.end;
            }
        }
        if (begin >= 0)
            expected << begin << end;
        QList<qsizetype> actual;
        for (const Core::SqlStatement &s : Core::SqlSplitter::split(sql)) {
            actual << s.begin << s.end;
            QCOMPARE(s.text, sql.mid(s.begin, s.length()));
        }
        if (actual != expected)
            QFAIL(qPrintable(u"split of %1 differs from its tokens"_s.arg(sql)));
    }
}

// A statement holds no delimiter of its own: split alone, it is one statement, itself.
void TestSqlLexer::propertyStatementsSplitAlone()
{
    QRandomGenerator random(propertySeed());
    const QStringList all = closedPieces + openPieces;
    for (int round = 0; round < 3000; ++round) {
        const QString sql = randomScript(random, all, 30);
        for (const Core::SqlStatement &s : Core::SqlSplitter::split(sql)) {
            // "--" right before the delimiter is two minus signs, but at the very end of a text it starts a
            // comment (as in the server, which sees the end as a control character).
            if (s.text.endsWith(u"--"_s))
                continue;
            const auto alone = Core::SqlSplitter::split(s.text);
            if (alone.size() != 1 || alone.front().text != s.text)
                QFAIL(qPrintable(u"statement %1 of %2 does not split to itself"_s.arg(s.text, sql)));
        }
    }
}

// Statements made of closed pieces, joined by any delimiter the splitter was told about, come back.
void TestSqlLexer::propertyJoinedStatementsSplitBack()
{
    QRandomGenerator random(propertySeed());
    QStringList pieces = closedPieces;
    pieces.removeAll(u";"_s);
    pieces.removeAll(u"$"_s);
    const QStringList separators { u";\n"_s, u" ; "_s, u";-- done\n"_s, u";/* x */"_s };
    for (int round = 0; round < 2000; ++round) {
        QStringList statements;
        for (const auto &s : Core::SqlSplitter::split(randomScript(random, pieces, 12)))
            statements << s.text;
        const bool custom = round % 2 == 1;
        QString script = custom ? u"DELIMITER $$\n"_s : QString();
        for (const QString &s : std::as_const(statements))
            script += s + (custom ? u" $$\n"_s : separators.at(int(random.bounded(qsizetype(separators.size())))));
        QStringList back;
        for (const auto &s : Core::SqlSplitter::split(script))
            back << s.text;
        if (back != statements)
            QFAIL(qPrintable(u"%1 did not split back into its statements"_s.arg(script)));
    }
}

QTEST_GUILESS_MAIN(TestSqlLexer)
#include "tst_sqllexer.moc"
