// The parser on MariaDB constructs beyond plain tables: system versioning, application-time periods,
// engine-defined table options, stored programs, DELIMITER scripts. The CREATE texts are what
// MariaDB 10.11 printed for tables and programs written for these tests.

#include "schema/programparser.h"
#include "schema/schemaloader.h"
#include "schema/tablecomparer.h"
#include "schema/tableparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const auto versionedTable = uR"sql(CREATE TABLE `booking` (
  `id` int(11) NOT NULL,
  `room` int(11) NOT NULL,
  `note` varchar(40) DEFAULT NULL WITHOUT SYSTEM VERSIONING,
  `valid_from` date NOT NULL,
  `valid_to` date NOT NULL,
  `row_start` timestamp(6) GENERATED ALWAYS AS ROW START,
  `row_end` timestamp(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR `stay` (`valid_from`, `valid_to`),
  PERIOD FOR SYSTEM_TIME (`row_start`, `row_end`),
  PRIMARY KEY (`id`,`row_end`),
  UNIQUE KEY `no_double_booking` (`room`,`stay` WITHOUT OVERLAPS)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci `ENCRYPTED`='NO' `encryption_key_id`='2' PAGE_CHECKSUM=1 WITH SYSTEM VERSIONING
 PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH STARTS TIMESTAMP'2024-01-01 00:00:00'
PARTITIONS 3)sql"_s;

} // namespace

class TstSchemaConstructs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void systemVersioningAndPeriods();
    void quotedTableOptions();
    void keywordsAnyCase();
    void storedPrograms_data();
    void storedPrograms();
    void compoundBodiesWithoutDelimiter();
    void delimiterScripts();
    void mysqldumpTriggers();
};

void TstSchemaConstructs::systemVersioningAndPeriods()
{
    const auto t = Schema::TableParser::parse(versionedTable);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QVERIFY(t->isSystemVersioned());
    QCOMPARE(t->column(u"row_start")->versioning, Schema::Column::Versioning::RowStart);
    QCOMPARE(t->column(u"row_end")->versioning, Schema::Column::Versioning::RowEnd);
    QCOMPARE(t->column(u"note")->versioning, Schema::Column::Versioning::Unversioned);
    QCOMPARE(t->column(u"room")->versioning, Schema::Column::Versioning::Versioned);
    QCOMPARE(t->periods.size(), 2);
    const Schema::Period *stay = t->period(u"stay");
    QVERIFY(stay && !stay->system);
    QCOMPARE(stay->startColumn, u"valid_from"_s);
    QCOMPARE(stay->endColumn, u"valid_to"_s);
    QCOMPARE(stay->definition, u"PERIOD FOR `stay` (`valid_from`, `valid_to`)"_s);
    const Schema::Period *system = t->systemPeriod();
    QVERIFY(system);
    QCOMPARE(system->name, u"SYSTEM_TIME"_s);
    QCOMPARE(system->endColumn, u"row_end"_s);
    const Schema::Index *unique = t->index(u"no_double_booking");
    QVERIFY(unique);
    QCOMPARE(unique->parts.size(), 2);
    QVERIFY(!unique->parts[0].withoutOverlaps);
    QVERIFY(unique->parts[1].withoutOverlaps);
    QCOMPARE(unique->parts[1].column, u"stay"_s);
    QVERIFY(t->partitioning.startsWith(u"PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH"_s));
}

void TstSchemaConstructs::quotedTableOptions()
{
    const auto t = Schema::TableParser::parse(versionedTable);
    QVERIFY(t.ok());
    QCOMPARE(t->option(u"ENCRYPTED"), u"'NO'"_s);
    QCOMPARE(t->option(u"ENCRYPTION_KEY_ID"), u"'2'"_s);
    QCOMPARE(t->option(u"PAGE_CHECKSUM"), u"1"_s);
    const auto quoted = std::find_if(t->options.cbegin(), t->options.cend(),
        [](const Schema::TableOption &o) { return o.key == u"ENCRYPTION_KEY_ID"; });
    QVERIFY(quoted != t->options.cend());
    QVERIFY(quoted->quoted);
    QCOMPARE(quoted->name, u"encryption_key_id"_s); // as printed, for the ALTER that sets it
    // Rendered back with its quotes: an engine-defined name may hold spaces or be empty (found by fuzzing).
    QCOMPARE(Schema::TableComparer::optionText(*quoted), u"`encryption_key_id`='2'"_s);
    const auto odd
        = Schema::TableParser::parse(u"CREATE TABLE `t` (`a` int(11)) ENGINE=InnoDB `` =1 `my option`='x'"_s);
    QVERIFY2(odd.ok(), qPrintable(odd.ok() ? QString() : odd.error().toString()));
    QStringList rendered;
    for (const Schema::TableOption &o : odd->options)
        rendered.append(Schema::TableComparer::optionText(o));
    QCOMPARE(rendered, QStringList({ u"ENGINE=InnoDB"_s, u"``=1"_s, u"`my option`='x'"_s }));
    const auto plain = Schema::TableParser::parse(
        u"CREATE TABLE `m` (`a` int(11)) ENGINE=MyISAM DATA DIRECTORY='/tmp/x' PACK_KEYS=1 CHECKSUM=1"_s);
    QVERIFY2(plain.ok(), qPrintable(plain.ok() ? QString() : plain.error().toString()));
    QCOMPARE(plain->option(u"DATA DIRECTORY"), u"'/tmp/x'"_s);
    QCOMPARE(plain->option(u"CHECKSUM"), u"1"_s);
}

void TstSchemaConstructs::keywordsAnyCase()
{
    const auto t = Schema::TableParser::parse(
        u"create table T (a Int Not Null Default 3 Comment 'x', b VARCHAR(5) character set latin1, "
        "Key k (a DESC), constraint c check (a > 0)) engine=InnoDB"_s);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().toString()));
    QCOMPARE(t->column(u"a")->type, u"int"_s);
    QVERIFY(!t->column(u"a")->nullable);
    QCOMPARE(t->column(u"a")->comment, u"x"_s);
    QCOMPARE(t->column(u"b")->type, u"varchar"_s);
    QCOMPARE(t->column(u"b")->charset, u"latin1"_s);
    QVERIFY(t->index(u"k")->parts[0].descending);
    QCOMPARE(t->checks.size(), 1);
    // A bare word that only looks like a keyword at its start is not one.
    const auto words = Schema::TableParser::parse(u"CREATE TABLE t (notnull int, nullable int NULL)"_s);
    QVERIFY(words.ok());
    QCOMPARE(words->columns.size(), 2);
    QCOMPARE(words->columns[0].name, u"notnull"_s);
}

void TstSchemaConstructs::storedPrograms_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("timing");
    QTest::addColumn<QString>("event");
    using K = Schema::StoredProgram::Kind;
    QTest::newRow("trigger") << u"CREATE DEFINER=`root`@`localhost` trigger stamp before update on `orders` for each "
                                "row begin\n  set new.updated = now();\nend"_s
                             << int(K::Trigger) << u"stamp"_s << u"orders"_s << u"BEFORE"_s << u"UPDATE"_s;
    QTest::newRow("procedure") << u"CREATE DEFINER=`app`@`%` PROCEDURE `close_old`(in days int)\n    COMMENT 'x'\n"
                                  "begin\n  delete from orders where placed < now() - interval days day;\nend"_s
                               << int(K::Procedure) << u"close_old"_s << QString() << QString() << QString();
    QTest::newRow("function") << u"CREATE DEFINER=`root`@`localhost` FUNCTION `net`(x decimal(10,2)) RETURNS "
                                 "decimal(10,2)\n    DETERMINISTIC\nreturn x / 1.2"_s
                              << int(K::Function) << u"net"_s << QString() << QString() << QString();
    QTest::newRow("event") << u"CREATE DEFINER=`root`@`localhost` EVENT `purge` ON SCHEDULE EVERY 1 DAY STARTS "
                              "'2024-01-01 00:00:00' ON COMPLETION NOT PRESERVE ENABLE DO delete from log"_s
                           << int(K::Event) << u"purge"_s << QString() << QString() << QString();
    QTest::newRow("aggregate function, no definer")
        << u"CREATE AGGREGATE FUNCTION agg(x int) RETURNS int begin declare s int default 0; "
           "declare continue handler for not found return s; loop fetch group next row; "
           "set s = s + x; end loop; end"_s
        << int(K::Function) << u"agg"_s << QString() << QString() << QString();
}

void TstSchemaConstructs::storedPrograms()
{
    QFETCH(QString, sql);
    const auto p = Schema::ProgramParser::parse(sql);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().toString()));
    QTEST(int(p->kind), "kind");
    QTEST(p->name, "name");
    QTEST(p->table, "table");
    QTEST(p->timing, "timing");
    QTEST(p->event, "event");
    QCOMPARE(p->createStatement, sql);
}

// SHOW CREATE output of programs joined by ';' (no DELIMITER): the ';' inside BEGIN ... END, IF,
// CASE and loops do not end the statement.
void TstSchemaConstructs::compoundBodiesWithoutDelimiter()
{
    const QString script = uR"sql(CREATE TABLE `t` (`a` int(11), `b` int(11));
CREATE DEFINER=`root`@`localhost` PROCEDURE `p`(x int)
begin
  declare i int default 0;
  lbl: while i < x do
    if i % 2 = 0 then set i = i + 1; else set i = i + 2; end if;
    case i when 3 then leave lbl; else begin end; end case;
  end while lbl;
  select case when x > 1 then 'many' else 'one' end as n;
end;
CREATE DEFINER=`root`@`localhost` trigger tb before insert on t for each row set new.b = case when new.a > 0 then 1 end;
CREATE DEFINER=`root`@`localhost` FUNCTION `f`() RETURNS int(11) return 1;
CREATE TABLE `u` (`c` int(11));
)sql"_s;
    const auto statements = Schema::SchemaLoader::split(script);
    QCOMPARE(statements.size(), 5);
    QVERIFY(statements[1].text.endsWith(u"end"_s));
    QVERIFY(statements[2].text.endsWith(u"then 1 end"_s));
    const auto model = Schema::SchemaLoader::fromScript(script);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().toString()));
    QCOMPARE(model->tables.size(), 2);
    QCOMPARE(model->programs.size(), 3);
    QVERIFY(model->programs[0].createStatement.endsWith(u"end as n;\nend"_s));
    QCOMPARE(model->programs[1].table, u"t"_s);
}

void TstSchemaConstructs::delimiterScripts()
{
    const QString script = uR"sql(CREATE TABLE `t` (`a` int(11));
DELIMITER $$
CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$
CREATE FUNCTION f() RETURNS int RETURN 1 $$
delimiter ;
CREATE TABLE `u` (`b` int(11));
DROP PROCEDURE IF EXISTS p;
)sql"_s;
    const auto statements = Schema::SchemaLoader::split(script);
    QCOMPARE(statements.size(), 5);
    QCOMPARE(statements[1].text.toString(), u"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END"_s);
    const auto model = Schema::SchemaLoader::fromScript(script);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().toString()));
    QCOMPARE(model->tables.size(), 2);
    QCOMPARE(model->programs.size(), 1); // p was dropped again
    QCOMPARE(model->programs[0].name, u"f"_s);
    QCOMPARE(model->programs[0].createStatement, u"CREATE FUNCTION f() RETURNS int RETURN 1"_s);
}

void TstSchemaConstructs::mysqldumpTriggers()
{
    const QString dump = uR"sql(/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 trigger tr1 before insert on t for each row set new.b = new.a * 2 */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 DROP PROCEDURE IF EXISTS `pr` */;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `pr`()
begin
  select '*/' as x; /* a comment */
end ;;
DELIMITER ;
)sql"_s;
    const auto model = Schema::SchemaLoader::fromScript(dump);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().toString()));
    QCOMPARE(model->programs.size(), 2);
    QCOMPARE(model->programs[0].createStatement,
        u"CREATE DEFINER=`root`@`localhost` trigger tr1 before insert on t for each row set new.b = new.a * 2"_s);
    QCOMPARE(model->programs[0].table, u"t"_s);
    QCOMPARE(model->programs[1].name, u"pr"_s);
    QVERIFY(model->programs[1].createStatement.endsWith(u"/* a comment */\nend"_s));
}

QTEST_GUILESS_MAIN(TstSchemaConstructs)
#include "tst_schema_constructs.moc"
