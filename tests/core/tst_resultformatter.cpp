#include "core/jsontext.h"
#include "core/resultformatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Core::ResultFormat;

namespace {

Core::ColumnInfo column(const QString &name, Core::ColumnKind kind, const QString &table = u"t"_s)
{
    Core::ColumnInfo c;
    c.name = name;
    c.kind = kind;
    c.table = table;
    return c;
}

// id BIGINT UNSIGNED, price DECIMAL, name TEXT, data BINARY, doc JSON
Core::ResultSet sample()
{
    Core::ResultSet rs({ column(u"id"_s, Core::ColumnKind::UnsignedInteger),
        column(u"price"_s, Core::ColumnKind::Decimal), column(u"name"_s, Core::ColumnKind::Text),
        column(u"data"_s, Core::ColumnKind::Binary), column(u"doc"_s, Core::ColumnKind::Json) });
    rs.appendRow({ "18446744073709551615", "12345678901234.56", "O'Brien, \"Pat\"\tx", QByteArray("\x00\xff", 2),
        "{\"a\": [1, 2]}" });
    rs.appendRow({ "2", QByteArray(), "", QByteArray(""), QByteArray() });
    rs.appendRow({ "3", "-0.5", "a|b\nc\\", QByteArray(), "not json" });
    return rs;
}

} // namespace

class TestResultFormatter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tsv()
    {
        const QString out = Core::ResultFormatter::format(Core::ResultFormat::Tsv, sample());
        QCOMPARE(out,
            u"id\tprice\tname\tdata\tdoc\n"
            u"18446744073709551615\t12345678901234.56\t\"O'Brien, \"\"Pat\"\"\tx\"\t0x00FF\t\"{\"\"a\"\": [1, 2]}\"\n"
            u"2\t\t\t0x\t\n"
            u"3\t-0.5\t\"a|b\nc\\\"\t\tnot json\n"_s);
    }

    void csvWithoutHeader()
    {
        const auto rs = sample();
        Core::ResultFormatter f(Core::ResultFormat::Csv, rs.columns());
        f.setIncludeHeader(false);
        QString out = f.header();
        out += f.row(rs, 0);
        QCOMPARE(out,
            u"18446744073709551615,12345678901234.56,\"O'Brien, \"\"Pat\"\"\tx\",0x00FF,\"{\"\"a\"\": [1, 2]}\"\r\n"_s);
    }

    void jsonIsValidAndExact()
    {
        const QString out = Core::ResultFormatter::format(Core::ResultFormat::Json, sample());
        // Exact digits, not rounded through double.
        QVERIFY(out.contains(u"\"id\": 18446744073709551615"_s));
        QVERIFY(out.contains(u"\"price\": 12345678901234.56"_s));
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const auto rows = doc.array();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject()[u"name"_s].toString(), u"O'Brien, \"Pat\"\tx"_s);
        QCOMPARE(rows[0].toObject()[u"data"_s].toString(), u"0x00FF"_s);
        QCOMPARE(rows[0].toObject()[u"doc"_s].toObject()[u"a"_s].toArray().size(), 2); // JSON embedded
        QVERIFY(rows[1].toObject()[u"price"_s].isNull()); // NULL → null
        QCOMPARE(rows[1].toObject()[u"name"_s].toString(), QString()); // empty stays ""
        QVERIFY(rows[1].toObject()[u"name"_s].isString());
        QCOMPARE(rows[2].toObject()[u"doc"_s].toString(), u"not json"_s); // invalid JSON → string
        QCOMPARE(rows[2].toObject()[u"price"_s].toDouble(), -0.5);
    }

    void jsonColumnWrittenAsStored()
    {
        // Key order, a duplicate key and an integer beyond 2^53 survive: the text is not re-serialised.
        Core::ResultSet rs({ column(u"doc"_s, Core::ColumnKind::Json) });
        rs.appendRow({ "{\"z\": 1, \"a\": 12345678901234567890, \"z\": [true, null, \"\u00e9\"]}" });
        rs.appendRow({ "12345678901234567890" });
        rs.appendRow({ " \"text\" " });
        rs.appendRow({ "{\"a\": 1,}" }); // invalid: a trailing comma
        const QString out = Core::ResultFormatter::format(Core::ResultFormat::Json, rs);
        QVERIFY2(out.contains(u"\"doc\": {\"z\": 1, \"a\": 12345678901234567890, \"z\": [true, null, \"\u00e9\"]}"_s),
            qPrintable(out));
        QVERIFY(out.contains(u"\"doc\": 12345678901234567890}"_s));
        QVERIFY(out.contains(u"\"doc\":  \"text\" }"_s));
        QVERIFY(out.contains(u"\"doc\": \"{\\\"a\\\": 1,}\"}"_s)); // quoted as a string
    }

    void jsonTextGrammar_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("object") << "{\"a\": [1, -2.5e+3, \"x\\u00e9\\n\"], \"b\": {}}"_ba << true;
        QTest::newRow("nested empties") << " [[], {}, [[{}]]] "_ba << true;
        QTest::newRow("scalars") << "null"_ba << true;
        QTest::newRow("big integer") << "-12345678901234567890"_ba << true;
        QTest::newRow("deep") << QByteArray(QByteArray(100000, '[') + QByteArray(100000, ']')) << true;
        QTest::newRow("deep, unclosed") << QByteArray(100000, '[') << false;
        QTest::newRow("empty") << ""_ba << false;
        QTest::newRow("two values") << "1 2"_ba << false;
        QTest::newRow("trailing comma") << "[1,]"_ba << false;
        QTest::newRow("missing colon") << "{\"a\" 1}"_ba << false;
        QTest::newRow("bare key") << "{a: 1}"_ba << false;
        QTest::newRow("mismatched") << "[1}"_ba << false;
        QTest::newRow("leading zero") << "01"_ba << false;
        QTest::newRow("bad escape") << "\"\\x\""_ba << false;
        QTest::newRow("control character") << "\"a\tb\""_ba << false;
        QTest::newRow("invalid UTF-8") << "\"\xff\""_ba << false;
        QTest::newRow("single quotes") << "'a'"_ba << false;
    }

    void jsonTextGrammar()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(Core::JsonText::isValid(text), valid);
    }

    void emptyJson()
    {
        Core::ResultSet rs({ column(u"a"_s, Core::ColumnKind::Text) });
        QCOMPARE(Core::ResultFormatter::format(Core::ResultFormat::Json, rs), u"[]\n"_s);
    }

    void markdown()
    {
        const QString out = Core::ResultFormatter::format(Core::ResultFormat::Markdown, sample());
        const auto lines = out.split(u'\n');
        QCOMPARE(lines.at(0), u"| id | price | name | data | doc |"_s);
        QCOMPARE(lines.at(1), u"| ---: | ---: | --- | --- | --- |"_s);
        QCOMPARE(lines.at(3), u"| 2 | NULL |  | 0x | NULL |"_s);
        QCOMPARE(lines.at(4), u"| 3 | -0.5 | a\\|b<br>c\\\\ | NULL | not json |"_s);
    }

    void sqlInsert()
    {
        const QString out = Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, sample());
        const auto lines = out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0),
            u"INSERT INTO `t` (`id`, `price`, `name`, `data`, `doc`) VALUES "
            u"(18446744073709551615, 12345678901234.56, 'O''Brien, \"Pat\"\tx', X'00FF', "
            u"'{\"a\": [1, 2]}');"_s);
        QCOMPARE(
            lines.at(1), u"INSERT INTO `t` (`id`, `price`, `name`, `data`, `doc`) VALUES (2, NULL, '', X'', NULL);"_s);
        // A backslash reads differently under NO_BACKSLASH_ESCAPES: such text goes as hex, the same in every mode.
        QVERIFY2(
            lines.at(2).endsWith(u"(3, -0.5, _utf8mb4 X'617C620A635C', NULL, 'not json');"_s), qPrintable(lines.at(2)));
    }

    void sqlInsertTableName()
    {
        Core::ResultSet mixed(
            { column(u"a"_s, Core::ColumnKind::Integer, u"x"_s), column(u"b`q"_s, Core::ColumnKind::Integer, u"y"_s) });
        mixed.appendRow({ "1", "2" });
        QVERIFY(Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, mixed)
                    .startsWith(u"INSERT INTO `result` (`a`, `b``q`)"_s));
        QVERIFY(Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, mixed, u"my`t"_s)
                    .startsWith(u"INSERT INTO `my``t`"_s));
    }

    void numericTextThatIsNotANumberIsQuoted()
    {
        // Defensive: a "numeric" column carrying something odd must not produce broken JSON/SQL.
        Core::ResultSet rs({ column(u"n"_s, Core::ColumnKind::Float) });
        rs.appendRow({ "inf" });
        QCOMPARE(Core::ResultFormatter::format(Core::ResultFormat::Json, rs), u"[\n  {\"n\": \"inf\"}\n]\n"_s);
        QVERIFY(Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, rs).contains(u"VALUES ('inf');"_s));
    }

    void numericTextInOtherDigitsIsQuoted()
    {
        // Arabic-Indic and fullwidth digits are digits to Unicode, not to JSON or SQL.
        Core::ResultSet rs({ column(u"n"_s, Core::ColumnKind::Integer) });
        rs.appendRow({ QStringLiteral("\u0663\u0664").toUtf8() });
        rs.appendRow({ QStringLiteral("1\uFF12").toUtf8() });
        QCOMPARE(Core::ResultFormatter::format(Core::ResultFormat::Json, rs),
            u"[\n  {\"n\": \"\u0663\u0664\"},\n  {\"n\": \"1\uFF12\"}\n]\n"_s);
        const QString sql = Core::ResultFormatter::format(Core::ResultFormat::SqlInsert, rs);
        QVERIFY2(
            sql.contains(u"VALUES ('\u0663\u0664');"_s) && sql.contains(u"VALUES ('1\uFF12');"_s), qPrintable(sql));
    }
};

QTEST_GUILESS_MAIN(TestResultFormatter)
#include "tst_resultformatter.moc"
