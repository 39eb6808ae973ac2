// The copy plan's deferred indexes: plain secondary keys leave the shadow's CREATE TABLE (built after the copy
// in one pass), everything else stays; the text left is still a valid definition of the rest.

#include "local/tableplanner.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString before = u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` int(11) DEFAULT NULL,\n"
                       u"  `b` varchar(20) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s;

Local::DeployOperationRecord alter(const QString &after)
{
    Local::DeployOperationRecord op;
    op.id = u"42"_s;
    op.table = u"t"_s;
    op.operation = u"alter"_s;
    op.oldDefinition = before;
    op.newDefinition = after;
    return op;
}

QStringList names(const Local::CopyPlan &plan)
{
    QStringList out;
    for (const Local::DeferredIndex &index : plan.deferredIndexes)
        out << index.name;
    return out;
}

} // namespace

class TestLocalTablePlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainKeysAreBuiltAfterTheCopy()
    {
        const QString after
            = u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` int(11) DEFAULT NULL,\n"
              u"  `b` varchar(20) DEFAULT NULL,\n  `c` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n"
              u"  UNIQUE KEY `u_b` (`b`),\n  KEY `k_a` (`a`),\n  KEY `k_ab` (`a`,`b`(10)),\n"
              u"  FULLTEXT KEY `f_b` (`b`)\n) ENGINE=InnoDB"_s;
        auto plan = Local::TablePlanner::deploy(u"s"_s, alter(after), {});
        QVERIFY(plan.ok());
        QCOMPARE(names(*plan), (QStringList { u"k_a"_s, u"k_ab"_s }));
        QCOMPARE(plan->deferredIndexes.value(1).definition, u"KEY `k_ab` (`a`,`b`(10))"_s);
        const QString &shadow = plan->shadowDefinition;
        QVERIFY2(!shadow.contains(u"`k_a`"_s) && !shadow.contains(u"`k_ab`"_s), qPrintable(shadow));
        QVERIFY2(shadow.contains(u"  PRIMARY KEY (`id`),\n  UNIQUE KEY `u_b` (`b`),\n  FULLTEXT KEY `f_b` (`b`)\n)"_s),
            qPrintable(shadow));
        // The shadow with its deferred keys added back is the target again (parsed, same indexes).
        auto shadowTable = Local::TablePlanner::parse(shadow);
        QVERIFY(shadowTable.ok());
        QCOMPARE(shadowTable->indexes.size(), 3);
    }

    void lastLineTakesItsCommaAlong()
    {
        const QString after
            = u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` int(11) DEFAULT NULL,\n"
              u"  `b` varchar(20) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `k_a` (`a`)\n) ENGINE=InnoDB"_s;
        auto plan = Local::TablePlanner::deploy(u"s"_s, alter(after), {});
        QVERIFY(plan.ok());
        QCOMPARE(names(*plan), QStringList { u"k_a"_s });
        QVERIFY2(plan->shadowDefinition.contains(u"  PRIMARY KEY (`id`)\n) ENGINE=InnoDB"_s),
            qPrintable(plan->shadowDefinition));
    }

    void keptWhereTheyCannotWait_data()
    {
        QTest::addColumn<QString>("after");
        QTest::addColumn<bool>("setting");
        const QString head
            = u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` int(11) DEFAULT NULL,\n"
              u"  `b` varchar(20) DEFAULT NULL,\n"_s;
        QTest::newRow("switched off") << head + u"  PRIMARY KEY (`id`),\n  KEY `k_a` (`a`)\n) ENGINE=InnoDB"_s << false;
        QTest::newRow("MyISAM") << head + u"  PRIMARY KEY (`id`),\n  KEY `k_a` (`a`)\n) ENGINE=MyISAM"_s << true;
        QTest::newRow("foreign key") << head
                + u"  PRIMARY KEY (`id`),\n  KEY `k_a` (`a`),\n  CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` "
                  u"(`id`)\n"
                  u") ENGINE=InnoDB"_s
                                     << true;
        QTest::newRow("generated column")
            << u"CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` int(11) DEFAULT NULL,\n"
               u"  `b` varchar(20) DEFAULT NULL,\n  `g` int(11) GENERATED ALWAYS AS (`a` + 1) VIRTUAL,\n"
               u"  PRIMARY KEY (`id`),\n  KEY `k_g` (`g`)\n) ENGINE=InnoDB"_s
            << true;
    }

    void keptWhereTheyCannotWait()
    {
        QFETCH(QString, after);
        QFETCH(bool, setting);
        Local::DeploySettings settings;
        settings.deferIndexes = setting;
        auto plan = Local::TablePlanner::deploy(u"s"_s, alter(after), settings);
        QVERIFY(plan.ok());
        QVERIFY(plan->deferredIndexes.isEmpty());
        QVERIFY2(plan->shadowDefinition.contains(u"  KEY `k_"_s), qPrintable(plan->shadowDefinition));
    }
};

QTEST_GUILESS_MAIN(TestLocalTablePlanner)
#include "tst_local_tableplanner.moc"
