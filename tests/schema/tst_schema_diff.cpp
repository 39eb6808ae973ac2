// The shape of the diff without a server: which statements, in which order, with which loss flags.
// (Whether they are right is what tst_schema_roundtrip proves on MariaDB.)

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"
#include "schema/tablememo.h"

#include <QJsonDocument>

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Schema::SchemaDiffResult diff(const QString &from, const QString &to, const Schema::DiffOptions &options = {})
{
    const auto a = Schema::SchemaLoader::fromScript(from);
    const auto b = Schema::SchemaLoader::fromScript(to);
    if (!a.ok() || !b.ok())
        return {};
    return Schema::SchemaDiff::compare(*a, *b, options);
}

QStringList sqlOf(const Schema::SchemaDiffResult &r)
{
    QStringList out;
    for (const Schema::DiffStatement &s : r.statements)
        out.append(s.sql);
    return out;
}

// Every parsed field of a table, to tell a table taken from the memo from one parsed anew.
QString describe(const Schema::Table &t)
{
    QStringList out { t.name, t.createStatement, t.partitioning, QString::number(t.autoIncrementStart),
        QString::number(t.autoIncrementLength) };
    for (const Schema::Column &c : t.columns)
        out << c.name + u'|' + c.definition + u'|' + c.type + u'|' + c.typeArgs + u'|' + c.charset + u'|' + c.collation
                + u'|' + c.defaultValue.value_or(u"<none>"_s) + u'|' + c.onUpdate + u'|' + c.generatedExpression + u'|'
                + c.comment + u'|' + c.check + u'|'
                + QString::number(c.nullable * 1 + c.isUnsigned * 2 + c.autoIncrement * 4 + c.invisible * 8);
    for (const Schema::Index &i : t.indexes) {
        out << i.name + u'|' + i.definition + u'|' + QString::number(int(i.kind)) + u'|' + i.comment;
        for (const Schema::IndexPart &p : i.parts)
            out << p.column + u'(' + QString::number(p.prefixLength) + u')' + (p.descending ? u"D"_s : u"A"_s);
    }
    for (const Schema::ForeignKey &f : t.foreignKeys)
        out << f.definition + u'|' + f.columns.join(u',') + u'|' + f.referencedTable + u'|'
                + f.referencedColumns.join(u',') + u'|' + f.onDelete + u'|' + f.onUpdate;
    for (const Schema::CheckConstraint &c : t.checks)
        out << c.definition;
    for (const Schema::TableOption &o : t.options)
        out << o.key + u'=' + o.value;
    return out.join(u'\n');
}

} // namespace

class TstSchemaDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identityIsEmpty();
    void autoIncrementCounterIsIgnored();
    void renamedIndexIsRenamed();
    void visibilityUsesAlterIndex();
    void foreignKeysAreOrdered();
    void lossReasons_data();
    void lossReasons();
    void groupsPerObject();
    void memoParsesSharedTablesOnce();
};

void TstSchemaDiff::identityIsEmpty()
{
    const QString s
        = u"CREATE TABLE `t` (`a` int(11), KEY `k` (`a`)) ENGINE=InnoDB; CREATE VIEW `v` AS select 1 AS `x`;"_s;
    QVERIFY(diff(s, s).isEmpty());
    QVERIFY(diff(QString(), QString()).isEmpty());
}

void TstSchemaDiff::autoIncrementCounterIsIgnored()
{
    QVERIFY(diff(
        u"CREATE TABLE `t` (`id` int(11) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB AUTO_INCREMENT=5"_s,
        u"CREATE TABLE `t` (`id` int(11) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB AUTO_INCREMENT=900"_s)
                .isEmpty());
}

void TstSchemaDiff::renamedIndexIsRenamed()
{
    const QString from = u"CREATE TABLE `t` (`a` int(11), KEY `old` (`a`))"_s;
    const QString to = u"CREATE TABLE `t` (`a` int(11), KEY `new` (`a`))"_s;
    const auto r = diff(from, to, { .detectRenames = true });
    QCOMPARE(sqlOf(r), QStringList { u"ALTER TABLE `t`\n  RENAME INDEX `old` TO `new`"_s });
    QVERIFY(!r.canLoseData());
    QCOMPARE(r.renames.size(), 1);
    QVERIFY(r.renames[0].applied && r.renames[0].isIndex);
    // Off by default: a suggestion only.
    const auto plain = diff(from, to);
    QCOMPARE(sqlOf(plain), QStringList { u"ALTER TABLE `t`\n  DROP INDEX `old`,\n  ADD KEY `new` (`a`)"_s });
    QCOMPARE(plain.renames.size(), 1);
    QVERIFY(!plain.renames[0].applied);
}

void TstSchemaDiff::visibilityUsesAlterIndex()
{
    const auto r = diff(
        u"CREATE TABLE `t` (`a` int(11), KEY `k` (`a`))"_s, u"CREATE TABLE `t` (`a` int(11), KEY `k` (`a`) IGNORED)"_s);
    QCOMPARE(sqlOf(r), QStringList { u"ALTER TABLE `t`\n  ALTER INDEX `k` IGNORED"_s });
}

void TstSchemaDiff::foreignKeysAreOrdered()
{
    const auto r = diff(
        u"CREATE TABLE `p` (`id` int(11) NOT NULL, PRIMARY KEY (`id`));"
        "CREATE TABLE `c` (`id` int(11) NOT NULL, `pid` int(11), KEY `fk` (`pid`), CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `p` (`id`));"_s,
        u"CREATE TABLE `n` (`id` bigint(20) NOT NULL, PRIMARY KEY (`id`));"
        "CREATE TABLE `c` (`id` int(11) NOT NULL, `pid` bigint(20), KEY `fk` (`pid`), CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `n` (`id`));"_s);
    const QStringList sql = sqlOf(r);
    QCOMPARE(sql.size(), 5);
    QVERIFY(sql[0].contains(u"DROP FOREIGN KEY `fk`"_s)); // first, before p goes
    QCOMPARE(sql[1], u"DROP TABLE `p`"_s);
    QVERIFY(sql[2].contains(u"MODIFY COLUMN `pid` bigint(20)"_s));
    QVERIFY(sql[3].startsWith(u"CREATE TABLE `n`"_s));
    QVERIFY(sql[4].contains(u"ADD CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `n`"_s)); // last, once n exists
}

void TstSchemaDiff::lossReasons_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("reason");
    QTest::newRow("int narrowed") << u"`a` bigint(20)"_s << u"`a` int(11)"_s << u"column `a`: narrows bigint to int"_s;
    QTest::newRow("varchar shortened") << u"`a` varchar(50)"_s << u"`a` varchar(10)"_s
                                       << u"column `a`: shortens varchar to varchar(10)"_s;
    QTest::newRow("enum member removed") << u"`a` enum('x','y')"_s << u"`a` enum('x')"_s
                                         << u"column `a`: removes enum member 'y'"_s;
    QTest::newRow("decimal scale") << u"`a` decimal(10,4)"_s << u"`a` decimal(10,2)"_s
                                   << u"column `a`: narrows decimal(10,4) to decimal(10,2)"_s;
    QTest::newRow("type family") << u"`a` varchar(10)"_s << u"`a` int(11)"_s
                                 << u"column `a`: converts varchar to int"_s;
    QTest::newRow("charset") << u"`a` varchar(10) CHARACTER SET utf8mb4"_s << u"`a` varchar(10) CHARACTER SET latin1"_s
                             << u"column `a`: converts character set utf8mb4 to latin1"_s;
    QTest::newRow("column dropped") << u"`a` int(11), `b` int(11)"_s << u"`a` int(11)"_s << u"drops column `b`"_s;
    QTest::newRow("widened") << u"`a` int(11)"_s << u"`a` bigint(20)"_s << QString();
    QTest::newRow("longer varchar") << u"`a` varchar(10)"_s << u"`a` varchar(20) NOT NULL"_s << QString();
    QTest::newRow("enum member added") << u"`a` enum('x')"_s << u"`a` enum('x','y')"_s << QString();
    QTest::newRow("latin1 to utf8mb4") << u"`a` text CHARACTER SET latin1"_s << u"`a` text CHARACTER SET utf8mb4"_s
                                       << QString();
}

void TstSchemaDiff::lossReasons()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, reason);
    const auto r = diff(u"CREATE TABLE `t` ("_s + from + u")"_s, u"CREATE TABLE `t` ("_s + to + u")"_s);
    QCOMPARE(r.statements.size(), 1);
    QCOMPARE(r.statements[0].lossReasons.value(0), reason);
    QCOMPARE(r.canLoseData(), !reason.isEmpty());
}

void TstSchemaDiff::groupsPerObject()
{
    const auto r = diff(
        u"CREATE TABLE `b` (`x` int(11)); CREATE TABLE `a` (`x` int(11)); CREATE VIEW `v` AS select 1 AS `one`;"_s,
        u"CREATE TABLE `a` (`x` int(11), `y` int(11)); CREATE TABLE `c` (`x` int(11)); CREATE VIEW `v` AS select 2 AS `one`;"_s);
    QCOMPARE(r.objects.size(), 4);
    QCOMPARE(r.objects[0].name, u"a"_s);
    QCOMPARE(r.objects[0].change, Schema::ChangeKind::Changed);
    QCOMPARE(r.objects[1].name, u"b"_s);
    QCOMPARE(r.objects[1].change, Schema::ChangeKind::Removed);
    QCOMPARE(r.objects[1].statements[0].sql, u"DROP TABLE `b`"_s);
    QCOMPARE(r.objects[2].change, Schema::ChangeKind::Added);
    QVERIFY(r.objects[3].isView);
    QCOMPARE(r.objects[3].statements[0].kind, Schema::StatementKind::ReplaceView);
    QCOMPARE(r.objects[3].statements[0].sql, u"CREATE OR REPLACE VIEW `v` AS select 2 AS `one`"_s);
    QVERIFY(!r.objects[0].fromDefinition.isEmpty() && !r.objects[0].toDefinition.isEmpty());
}

// Both sides loaded through one memo: a table printed identically on both sides is taken from the first
// side, parsed exactly as it would be anew; any other text is parsed; the diff is the same.
void TstSchemaDiff::memoParsesSharedTablesOnce()
{
    const QString same = u"CREATE TABLE `same` (`id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `e` enum('a','b') "
                         u"CHARACTER SET latin1 DEFAULT 'a' COMMENT 'x''y', `d` decimal(12,2) DEFAULT NULL, "
                         u"PRIMARY KEY (`id`), UNIQUE KEY `u` (`e`,`d` DESC), CONSTRAINT `c` CHECK (`d` >= 0)) "
                         u"ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4;\n"_s;
    const QString child = u"CREATE TABLE `child` (`id` int(11) NOT NULL, `p` bigint(20) unsigned DEFAULT NULL, "
                          u"PRIMARY KEY (`id`), KEY `p` (`p`), CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `same` "
                          u"(`id`) ON DELETE CASCADE) ENGINE=InnoDB;\n"_s;
    const QString from = same + child + u"CREATE TABLE `gone` (`a` int(11)) ENGINE=InnoDB;\n"_s
        + u"CREATE TABLE `counter` (`id` int(11) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) AUTO_INCREMENT=5;\n"_s
        + u"CREATE TABLE `changed` (`a` int(11), `b` varchar(10)) ENGINE=InnoDB;\n"_s
        + u"CREATE TABLE `longer` (`a` int(11)) ENGINE=InnoDB;\n"_s
        + u"CREATE TABLE `commented` (`a` int(11)) ENGINE=InnoDB;\n"_s;
    const QString to = u"CREATE TABLE `changed` (`a` bigint(20), `b` varchar(10)) ENGINE=InnoDB;\n"_s + child
        + u"CREATE TABLE `counter` (`id` int(11) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) AUTO_INCREMENT=9;\n"_s
        + u"CREATE TABLE `new` (`a` int(11)) ENGINE=InnoDB;\n"_s
        + same
        // The same text, but the statement goes on: not the same table.
        + u"CREATE TABLE `longer` (`a` int(11)) ENGINE=InnoDB COMMENT='more'\n;\n"_s
        // The same text after a comment: read by the lexer, then found in the memo.
        + u"/* kept */ CREATE TABLE `commented` (`a` int(11)) ENGINE=InnoDB"_s;

    Schema::TableMemo memo;
    const auto a = Schema::SchemaLoader::fromScript(from, {}, &memo);
    const auto b = Schema::SchemaLoader::fromScript(to, {}, &memo);
    QVERIFY(a.ok() && b.ok());
    // `same`, `child` and `commented`; the counter's text differs, so it is parsed, and so is `longer`.
    QCOMPARE(memo.reused(), 3);
    QCOMPARE(memo.size(), 11); // seven tables of `from`, four texts only `to` has
    const auto fresh = Schema::SchemaLoader::fromScript(to);
    QVERIFY(fresh.ok());
    QCOMPARE(b->tables.size(), fresh->tables.size());
    for (qsizetype i = 0; i < fresh->tables.size(); ++i)
        QCOMPARE(describe(b->tables[i]), describe(fresh->tables[i]));

    const auto plainFrom = Schema::SchemaLoader::fromScript(from);
    QVERIFY(plainFrom.ok());
    const Schema::SchemaDiffResult withMemo = Schema::SchemaDiff::compare(*a, *b);
    const Schema::SchemaDiffResult without = Schema::SchemaDiff::compare(*plainFrom, *fresh);
    QCOMPARE(withMemo.toSql(), without.toSql());
    QCOMPARE(QJsonDocument(withMemo.toJson()).toJson(), QJsonDocument(without.toJson()).toJson());
    // changed altered, gone dropped, new created, longer's comment.
    QCOMPARE(sqlOf(withMemo).size(), 4);
    QVERIFY2(withMemo.toSql().contains(u"COMMENT='more'"_s), qPrintable(withMemo.toSql()));
}

QTEST_GUILESS_MAIN(TstSchemaDiff)
#include "tst_schema_diff.moc"
