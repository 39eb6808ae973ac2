// The linter on DDL text as the server prints it: each rule fires on the case it is for and stays quiet on
// the near miss next to it.

#include "schema/schemalinter.h"
#include "schema/schemaloader.h"
#include "schema/schemarecommender.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QList<Core::LintError> lint(const QString &script)
{
    auto model = Schema::SchemaLoader::fromScript(script);
    if (!model.ok()) {
        qWarning() << model.error().toString();
        Core::LintError failed;
        failed.lintError = u"PARSE_ERROR"_s;
        return { failed };
    }
    return Schema::SchemaLinter::lint(*model, u"shop"_s);
}

QStringList codes(const QList<Core::LintError> &found, const QString &table = {})
{
    QStringList out;
    for (const Core::LintError &e : found) {
        if (table.isEmpty() || e.tableName == table)
            out << e.lintError;
    }
    return out;
}

const Core::LintError *first(const QList<Core::LintError> &found, const QString &code)
{
    for (const Core::LintError &e : found) {
        if (e.lintError == code)
            return &e;
    }
    return nullptr;
}

} // namespace

class TstSchemaLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Recommendations (the sandbox's schema recommendations) come from the same findings, each with its DDL.
    void recommendationsCarryTheirDdl()
    {
        auto model = Schema::SchemaLoader::fromScript(
            u"CREATE TABLE `orders` (\n  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  `c` int(11) NOT NULL,\n"
            u"  `d` date NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k_c` (`c`),\n  KEY `k_c_d` (`c`,`d`)\n"
            u") ENGINE=InnoDB AUTO_INCREMENT=4000000000 DEFAULT CHARSET=utf8mb4;\n"
            u"CREATE TABLE `big` (\n  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`id`)\n"
            u") ENGINE=InnoDB AUTO_INCREMENT=18000000000000000000 DEFAULT CHARSET=utf8mb4;"_s);
        QVERIFY(model.ok());
        const auto recs = Schema::SchemaRecommender::recommend(*model, u"shop"_s);
        QCOMPARE(recs.size(), 2);
        QCOMPARE(recs[0].type, u"duplicate_index"_s);
        QCOMPARE(recs[0].ddl, u"ALTER TABLE `orders` DROP INDEX `k_c`"_s);
        QCOMPARE(recs[0].key(), u"duplicate_index:orders:k_c"_s);
        QCOMPARE(recs[1].type, u"sequence_overflow"_s);
        // The column keeps everything but its type; bigint unsigned has nothing wider, so `big` gets none.
        QCOMPARE(recs[1].ddl, u"ALTER TABLE `orders` MODIFY COLUMN `id` bigint unsigned NOT NULL AUTO_INCREMENT"_s);
        QVERIFY(recs[1].title.contains(u"orders.id"_s));
    }

    void widenedDefinition()
    {
        Schema::Column column;
        column.type = u"smallint"_s;
        column.definition = u"smallint(6) NOT NULL AUTO_INCREMENT COMMENT 'n'"_s;
        QCOMPARE(Schema::SchemaRecommender::widenedDefinition(column),
            u"bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'n'"_s);
        column.type = u"int"_s;
        column.isUnsigned = true;
        column.definition = u"int unsigned zerofill NOT NULL"_s;
        QCOMPARE(Schema::SchemaRecommender::widenedDefinition(column), u"bigint unsigned NOT NULL"_s);
        column.type = u"bigint"_s;
        column.definition = u"bigint(20) unsigned NOT NULL"_s;
        QCOMPARE(Schema::SchemaRecommender::widenedDefinition(column), QString());
        column.type = u"varchar"_s;
        column.isUnsigned = false;
        column.definition = u"varchar(10) NOT NULL"_s;
        QCOMPARE(Schema::SchemaRecommender::widenedDefinition(column), QString());
    }

    void cleanTableHasNoFindings()
    {
        const auto found = lint(u"CREATE TABLE `t` (\n  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n"
                                u"  `email` varchar(255) NOT NULL,\n  PRIMARY KEY (`id`),\n"
                                u"  UNIQUE KEY `uk_email` (`email`)\n) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT "
                                u"CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;"_s);
        QCOMPARE(codes(found), QStringList());
    }

    void noUniqueKey()
    {
        const auto found = lint(u"CREATE TABLE `log` (`at` datetime NOT NULL, `msg` text, KEY `k_at` (`at`)) "
                                u"ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
                                u"CREATE TABLE `nullable_uk` (`code` varchar(10) DEFAULT NULL, UNIQUE KEY `uk` "
                                u"(`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
                                u"CREATE TABLE `notnull_uk` (`code` varchar(10) NOT NULL, UNIQUE KEY `uk` "
                                u"(`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"_s);
        QCOMPARE(codes(found, u"log"_s), QStringList { u"NO_UNIQUE_KEY"_s });
        // A unique key over a nullable column does not identify rows.
        QCOMPARE(codes(found, u"nullable_uk"_s), QStringList { u"NO_UNIQUE_KEY"_s });
        QCOMPARE(codes(found, u"notnull_uk"_s), QStringList());
        QCOMPARE(found.constFirst().keyspaceName, u"shop"_s);
        QCOMPARE(found.constFirst().subjectType, u"table"_s);
        QVERIFY(!found.constFirst().docsUrl.isEmpty());
    }

    void engineAndCharset()
    {
        const auto found = lint(
            u"CREATE TABLE `m` (`id` int(11) NOT NULL, PRIMARY KEY (`id`)) ENGINE=MyISAM DEFAULT CHARSET=latin1;"
            u"CREATE TABLE `b` (`id` int(11) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;"_s);
        QCOMPARE(codes(found, u"m"_s), (QStringList { u"INVALID_ENGINE"_s, u"INVALID_CHARSET"_s }));
        QCOMPARE(first(found, u"INVALID_ENGINE"_s)->engineName, u"MyISAM"_s);
        QCOMPARE(first(found, u"INVALID_CHARSET"_s)->charsetName, u"latin1"_s);
        QCOMPARE(codes(found, u"b"_s), QStringList());
    }

    void duplicateIndexes()
    {
        const auto found = lint(u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `a` int(11) NOT NULL,\n"
                                u"  `b` int(11) NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk_id` (`id`),\n"
                                u"  KEY `k_a` (`a`,`b`),\n  KEY `k_a2` (`a`,`b`),\n  KEY `k_b_desc` (`b` DESC),\n"
                                u"  KEY `k_b` (`b`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"_s);
        QCOMPARE(codes(found), (QStringList { u"DUPLICATE_INDEX"_s, u"DUPLICATE_INDEX"_s }));
        QVERIFY(found[0].errorDescription.contains(u"uk_id"_s));
        QVERIFY(found[0].errorDescription.contains(u"primary key"_s));
        // The later of two identical plain indexes is the one to drop.
        QVERIFY(found[1].errorDescription.startsWith(u"Index k_a2 "_s));
        QCOMPARE(found[1].columnName, u"a"_s);
    }

    void redundantIndexes()
    {
        const auto found = lint(u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `a` int(11) NOT NULL,\n"
                                u"  `b` int(11) NOT NULL,\n  `s` varchar(100) NOT NULL,\n  PRIMARY KEY (`id`,`a`),\n"
                                u"  UNIQUE KEY `uk_a` (`a`),\n  KEY `k_id` (`id`),\n  KEY `k_ab` (`a`,`b`),\n"
                                u"  KEY `k_b` (`b`),\n  KEY `k_s10` (`s`(10)),\n  KEY `k_s` (`s`,`b`)\n"
                                u") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"_s);
        // k_id is a prefix of the primary key. uk_a is a constraint, never redundant; k_b prefixes nothing;
        // a prefix-length part is not the whole column's.
        QCOMPARE(codes(found), QStringList { u"REDUNDANT_INDEX"_s });
        QVERIFY(found[0].errorDescription.startsWith(u"Index k_id "_s));
        QVERIFY(found[0].errorDescription.contains(u"the primary key (id, a)"_s));
    }

    void autoIncrementNearItsLimit()
    {
        const auto found
            = lint(u"CREATE TABLE `near` (`id` int(11) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB "
                   u"AUTO_INCREMENT=2000000000 DEFAULT CHARSET=utf8mb4;"
                   u"CREATE TABLE `unsigned_ok` (`id` int(10) unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) "
                   u"ENGINE=InnoDB AUTO_INCREMENT=2000000000 DEFAULT CHARSET=utf8mb4;"
                   u"CREATE TABLE `tiny` (`id` tinyint(3) unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) "
                   u"ENGINE=InnoDB AUTO_INCREMENT=250 DEFAULT CHARSET=utf8mb4;"
                   u"CREATE TABLE `fresh` (`id` tinyint(4) NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) "
                   u"ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"_s);
        QCOMPARE(codes(found, u"near"_s), QStringList { u"AUTO_INCREMENT_NEAR_LIMIT"_s });
        const Core::LintError *near = first(found, u"AUTO_INCREMENT_NEAR_LIMIT"_s);
        QCOMPARE(near->autoIncrementColumnNames, QStringList { u"id"_s });
        QVERIFY2(near->errorDescription.contains(u"93.1%"_s), qPrintable(near->errorDescription));
        // 2e9 of 4294967295 is 46.6%: an unsigned int has room.
        QCOMPARE(codes(found, u"unsigned_ok"_s), QStringList());
        QCOMPARE(codes(found, u"tiny"_s), QStringList { u"AUTO_INCREMENT_NEAR_LIMIT"_s });
        QCOMPARE(codes(found, u"fresh"_s), QStringList());
    }

    void integerRanges()
    {
        Schema::Column c;
        c.type = u"bigint"_s;
        c.isUnsigned = true;
        QCOMPARE(Schema::SchemaLinter::integerMaximum(c), Q_UINT64_C(18446744073709551615));
        c.isUnsigned = false;
        QCOMPARE(Schema::SchemaLinter::integerMaximum(c), Q_UINT64_C(9223372036854775807));
        c.type = u"mediumint"_s;
        QCOMPARE(Schema::SchemaLinter::integerMaximum(c), Q_UINT64_C(8388607));
        c.type = u"varchar"_s;
        QCOMPARE(Schema::SchemaLinter::integerMaximum(c), Q_UINT64_C(0));
    }

    void foreignKeyTypes()
    {
        const auto found = lint(
            u"CREATE TABLE `users` (`id` bigint(20) unsigned NOT NULL, `code` varchar(20) NOT NULL, "
            u"PRIMARY KEY (`id`), UNIQUE KEY `uk_code` (`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
            u"CREATE TABLE `orders` (`id` int(11) NOT NULL, `user_id` int(11) NOT NULL, "
            u"PRIMARY KEY (`id`), KEY `k_user` (`user_id`), "
            u"CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)) ENGINE=InnoDB DEFAULT "
            u"CHARSET=utf8mb4;"
            u"CREATE TABLE `good` (`id` int(11) NOT NULL, `user_id` bigint(20) unsigned NOT NULL, "
            u"`user_code` varchar(20) NOT NULL, PRIMARY KEY (`id`), KEY `k_user` (`user_id`), KEY `k_code` "
            u"(`user_code`), CONSTRAINT `fk_u` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`), "
            u"CONSTRAINT `fk_c` FOREIGN KEY (`user_code`) REFERENCES `users` (`code`)) ENGINE=InnoDB DEFAULT "
            u"CHARSET=utf8mb4;"
            u"CREATE TABLE `latin` (`id` int(11) NOT NULL, `user_code` varchar(20) CHARACTER SET latin1 NOT NULL, "
            u"PRIMARY KEY (`id`), KEY `k_code` (`user_code`), CONSTRAINT `fk_lc` FOREIGN KEY (`user_code`) "
            u"REFERENCES `users` (`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"_s);
        QCOMPARE(codes(found, u"orders"_s), QStringList { u"FOREIGN_KEY_TYPE_MISMATCH"_s });
        const Core::LintError *mismatch = first(found, u"FOREIGN_KEY_TYPE_MISMATCH"_s);
        QCOMPARE(mismatch->foreignKeyColumnNames, QStringList { u"user_id"_s });
        QVERIFY2(mismatch->errorDescription.contains(u"user_id is int but users.id is bigint unsigned"_s),
            qPrintable(mismatch->errorDescription));
        // Display widths differ (int(11) vs bigint(20)) only where the types do.
        QCOMPARE(codes(found, u"good"_s), QStringList());
        QCOMPARE(codes(found, u"latin"_s), QStringList { u"FOREIGN_KEY_TYPE_MISMATCH"_s });
    }

    void onlyTheNamedTables()
    {
        auto model = Schema::SchemaLoader::fromScript(u"CREATE TABLE `a` (`x` int(11)) ENGINE=InnoDB;"
                                                      u"CREATE TABLE `b` (`x` int(11)) ENGINE=InnoDB;"_s);
        QVERIFY(model.ok());
        const auto found = Schema::SchemaLinter::lint(*model, u"k"_s, { u"b"_s });
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().tableName, u"b"_s);
    }
};

QTEST_GUILESS_MAIN(TstSchemaLint)
#include "tst_schema_lint.moc"
