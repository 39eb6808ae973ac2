// branchdeck-schemadiff end to end: exit codes, SQL and --json output, files and directories.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstSchemaCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void identicalExitsZero();
    void differentExitsOne();
    void jsonIsGrouped();
    void directoriesAreRead();
    void renamesAreSuggestedOrApplied();
    void errorsExitTwo_data();
    void errorsExitTwo();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &args);
    QString write(const QString &name, const QString &text);

    QString m_tool;
    QTemporaryDir m_dir;
};

void TstSchemaCli::initTestCase()
{
    m_tool = QString::fromUtf8(BRANCHDECK_SCHEMADIFF_TOOL);
    QVERIFY(QFileInfo(m_tool).isExecutable());
    QVERIFY(m_dir.isValid());
}

TstSchemaCli::Run TstSchemaCli::run(const QStringList &args)
{
    QProcess p;
    p.start(m_tool, args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString TstSchemaCli::write(const QString &name, const QString &text)
{
    const QString path = m_dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text.toUtf8());
    return path;
}

void TstSchemaCli::identicalExitsZero()
{
    const QString a = write(
        u"a.sql"_s, u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n"_s);
    const Run r = run({ a, a });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.isEmpty());
}

void TstSchemaCli::differentExitsOne()
{
    const QString a = write(u"a1.sql"_s, u"CREATE TABLE `t` (`id` int(11) NOT NULL, `old` int(11));\n"_s);
    const QString b = write(
        u"b1.sql"_s, u"CREATE TABLE `t` (`id` int(11) NOT NULL, `new` int(11));\nCREATE TABLE `u` (`x` int(11));\n"_s);
    const Run r = run({ a, b });
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out,
        u"-- WARNING: can lose data: drops column `old`\n"
        "ALTER TABLE `t`\n  DROP COLUMN `old`,\n  ADD COLUMN `new` int(11) AFTER `id`;\n"
        "CREATE TABLE `u` (\n  `x` int(11)\n);\n"_s);
}

void TstSchemaCli::jsonIsGrouped()
{
    const QString a
        = write(u"a2.sql"_s, u"CREATE TABLE `t` (`id` bigint(20));\nCREATE TABLE `gone` (`x` int(11));\n"_s);
    const QString b = write(u"b2.sql"_s, u"CREATE TABLE `t` (`id` int(11));\n"_s);
    const Run r = run({ u"--json"_s, a, b });
    QCOMPARE(r.code, 1);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.value(u"identical"_s).toBool(true), false);
    QCOMPARE(doc.value(u"dataLoss"_s).toBool(), true);
    const QJsonArray objects = doc.value(u"objects"_s).toArray();
    QCOMPARE(objects.size(), 2);
    QCOMPARE(objects[0].toObject().value(u"name"_s).toString(), u"gone"_s);
    QCOMPARE(objects[0].toObject().value(u"change"_s).toString(), u"removed"_s);
    const QJsonObject t = objects[1].toObject();
    QCOMPARE(t.value(u"change"_s).toString(), u"changed"_s);
    const QJsonObject alter = t.value(u"statements"_s).toArray().at(0).toObject();
    QCOMPARE(alter.value(u"kind"_s).toString(), u"alter_table"_s);
    QCOMPARE(alter.value(u"sql"_s).toString(), u"ALTER TABLE `t`\n  MODIFY COLUMN `id` int(11)"_s);
    QCOMPARE(alter.value(u"lossReasons"_s).toArray().at(0).toString(), u"column `id`: narrows bigint to int"_s);
    QCOMPARE(doc.value(u"statements"_s).toArray().size(), 2);
}

void TstSchemaCli::directoriesAreRead()
{
    write(u"from/t.sql"_s, u"CREATE TABLE `t` (`a` int(11));"_s);
    write(u"from/u.sql"_s, u"CREATE TABLE `u` (`a` int(11));"_s);
    write(u"from/notes.txt"_s, u"not sql"_s);
    write(u"to/all.sql"_s, u"CREATE TABLE `u` (`a` int(11));\nCREATE TABLE `t` (`a` int(11));"_s);
    const Run same = run({ m_dir.filePath(u"from"_s), m_dir.filePath(u"to"_s) });
    QCOMPARE(same.code, 0);
    write(u"to/extra.sql"_s, u"CREATE VIEW `v` AS select 1 AS `one`;"_s);
    const Run different = run({ m_dir.filePath(u"from"_s), m_dir.filePath(u"to"_s) });
    QCOMPARE(different.code, 1);
    QCOMPARE(different.out, u"CREATE VIEW `v` AS select 1 AS `one`;\n"_s);
}

void TstSchemaCli::errorsExitTwo_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad column") << u"CREATE TABLE `t` (\n  `a` int(11) WHATEVER\n);"_s
                                << u"bad.sql:2:15: Cannot parse `t`: expected a column attribute, found 'WHATEVER'"_s;
    QTest::newRow("not ddl")
        << u"UPDATE t SET a = 1;"_s
        << u"bad.sql:1:1: Cannot parse statement: expected CREATE TABLE, CREATE VIEW or a CREATE of a stored program"_s;
}

void TstSchemaCli::errorsExitTwo()
{
    QFETCH(QString, content);
    QFETCH(QString, message);
    const QString good = write(u"good.sql"_s, u"CREATE TABLE `t` (`a` int(11));"_s);
    const QString bad = write(u"bad.sql"_s, content);
    const Run r = run({ good, bad });
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    const Run missing = run({ good, m_dir.filePath(u"missing.sql"_s) });
    QCOMPARE(missing.code, 2);
    QVERIFY(missing.err.contains(u"No such file or directory"_s));
    QCOMPARE(run({ good }).code, 2);
}

void TstSchemaCli::renamesAreSuggestedOrApplied()
{
    const QString a
        = write(u"ra.sql"_s, u"CREATE TABLE `t` (`id` int(11), `qty` int(11) NOT NULL, KEY `k_qty` (`qty`));"_s);
    const QString b = write(
        u"rb.sql"_s, u"CREATE TABLE `t` (`id` int(11), `quantity` int(11) NOT NULL, KEY `k_quantity` (`quantity`));"_s);
    const Run plain = run({ a, b });
    QCOMPARE(plain.code, 1);
    QVERIFY2(plain.out.contains(u"DROP COLUMN `qty`"_s), qPrintable(plain.out));
    const Run json = run({ u"--json"_s, a, b });
    QCOMPARE(json.code, 1);
    const QJsonArray candidates
        = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"renameCandidates"_s).toArray();
    QCOMPARE(candidates.size(), 2);
    const QJsonObject column = candidates[0].toObject();
    QCOMPARE(column.value(u"kind"_s).toString(), u"column"_s);
    QCOMPARE(column.value(u"from"_s).toString(), u"qty"_s);
    QCOMPARE(column.value(u"to"_s).toString(), u"quantity"_s);
    QVERIFY(!column.value(u"evidence"_s).toArray().isEmpty());
    QVERIFY(!column.value(u"applied"_s).toBool());
    QCOMPARE(candidates[1].toObject().value(u"kind"_s).toString(), u"index"_s);
    const Run applied = run({ u"--detect-renames"_s, a, b });
    QCOMPARE(applied.code, 1);
    QVERIFY2(applied.out.contains(u"RENAME COLUMN `qty` TO `quantity`"_s), qPrintable(applied.out));
    QVERIFY(applied.out.contains(u"RENAME INDEX `k_qty` TO `k_quantity`"_s));
    QVERIFY(!applied.out.contains(u"DROP COLUMN"_s));
}

QTEST_GUILESS_MAIN(TstSchemaCli)
#include "tst_schema_cli.moc"
