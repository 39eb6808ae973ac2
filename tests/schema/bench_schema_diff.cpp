// Parse and diff two schemas of 1,000 tables x 20 columns in server-canonical text, as the app, the sandbox
// and branchdeck-schemadiff do it (both sides through one TableMemo: a table printed identically on both
// sides is parsed once). Prints `name = value` lines (median CPU milliseconds of 9 rounds; wall time too);
// the reference is the time to only split the same text into statements and count its lines.
// `parse_each_side_ms` is the parse without the memo (every table parsed from its text).

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"
#include "schema/tablememo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

#include <time.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int tableCount = 1000;
constexpr int columnCount = 20;

QString column(int t, int c, bool changed)
{
    const QString name = u"  `col_%1` "_s.arg(c);
    switch (c % 6) {
    case 0:
        return name + (changed ? u"bigint(20)"_s : u"int(11)"_s) + u" NOT NULL DEFAULT 0"_s;
    case 1:
        return name + u"varchar(%1) DEFAULT NULL COMMENT 'column %2 of %3'"_s.arg(changed ? 200 : 100).arg(c).arg(t);
    case 2:
        return name + u"datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()"_s;
    case 3:
        return name + u"decimal(12,2) unsigned DEFAULT NULL"_s;
    case 4:
        return name
            + u"enum('new','open','closed') CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL DEFAULT 'new'"_s;
    default:
        return name + u"text DEFAULT NULL"_s;
    }
}

// Version 2 changes every tenth table (a wider column, one more column and index), drops ten tables
// and adds ten.
QString table(int t, bool v2)
{
    const bool changed = v2 && t % 10 == 0;
    QStringList lines;
    lines.append(u"  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT"_s);
    for (int c = 1; c < columnCount; ++c)
        lines.append(column(t, c, changed && c == 1));
    if (changed)
        lines.append(u"  `added` int(11) DEFAULT NULL"_s);
    lines.append(u"  PRIMARY KEY (`id`)"_s);
    lines.append(u"  UNIQUE KEY `uq_%1` (`col_1`(50),`col_6`)"_s.arg(t));
    lines.append(u"  KEY `idx_%1_a` (`col_2`,`col_3` DESC)"_s.arg(t));
    if (changed)
        lines.append(u"  KEY `idx_%1_added` (`added`)"_s.arg(t));
    if (t > 0) {
        lines.append(u"  KEY `fk_%1` (`col_6`)"_s.arg(t));
        lines.append(
            u"  CONSTRAINT `fk_%1` FOREIGN KEY (`col_6`) REFERENCES `t%2` (`col_6`) ON DELETE CASCADE"_s.arg(t).arg(
                t - 1));
    }
    lines.append(u"  CONSTRAINT `chk_%1` CHECK (`col_3` >= 0)"_s.arg(t));
    return u"CREATE TABLE `t%1` (\n"_s.arg(t) + lines.join(u",\n"_s)
        + u"\n) ENGINE=InnoDB AUTO_INCREMENT=1234 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='table %1';\n"_s
              .arg(t);
}

QString schema(bool v2)
{
    QString out;
    const int first = v2 ? 10 : 0;
    for (int t = first; t < first + tableCount; ++t)
        out += table(t, v2);
    return out;
}

// CPU time of this thread: the machine is shared, so wall time would measure the neighbours too.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QString a = schema(false);
    const QString b = schema(true);
    QList<double> split, parse, parseEach, diff, total, wall;
    qsizetype reused = 0;
    qsizetype statements = 0;
    for (int round = 0; round < 9; ++round) {
        QElapsedTimer timer;
        timer.start();
        double t0 = threadCpuMs();
        const auto sa = Schema::SchemaLoader::split(a);
        const auto sb = Schema::SchemaLoader::split(b);
        qsizetype lines = 0;
        for (const auto *list : { &sa, &sb })
            for (const Schema::SchemaLoader::Statement &s : *list)
                lines += s.text.count(u'\n');
        split.append(threadCpuMs() - t0);
        statements = sa.size() + sb.size() + (lines < 0 ? 1 : 0);

        t0 = threadCpuMs();
        {
            const auto ea = Schema::SchemaLoader::fromScript(a);
            const auto eb = Schema::SchemaLoader::fromScript(b);
            parseEach.append(threadCpuMs() - t0);
            if (!ea.ok() || !eb.ok())
                return 1;
        }

        timer.restart();
        t0 = threadCpuMs();
        Schema::TableMemo memo;
        const auto ma = Schema::SchemaLoader::fromScript(a, {}, &memo);
        const auto mb = Schema::SchemaLoader::fromScript(b, {}, &memo);
        const double t1 = threadCpuMs();
        reused = memo.reused();
        parse.append(t1 - t0);
        if (!ma.ok() || !mb.ok()) {
            out << "error = " << (ma.ok() ? mb.error() : ma.error()).toString() << '\n';
            return 1;
        }
        const Schema::SchemaDiffResult result = Schema::SchemaDiff::compare(*ma, *mb);
        diff.append(threadCpuMs() - t1);
        wall.append(timer.nsecsElapsed() / 1e6);
        total.append(parse.last() + diff.last());
        // 10 dropped, 99 changed and 10 new tables.
        if (result.statements.size() != 119) {
            out << "error = expected 119 statements, got " << result.statements.size() << '\n';
            return 1;
        }
    }
    out << "input_bytes = " << (a.size() + b.size()) * 2 << '\n';
    out << "statements_parsed = " << statements << '\n';
    out << "diff_1000_tables_ms = " << median(total) << '\n';
    out << "diff_1000_tables_wall_ms = " << median(wall) << '\n';
    out << "parse_ms = " << median(parse) << '\n';
    out << "compare_ms = " << median(diff) << '\n';
    out << "parse_each_side_ms = " << median(parseEach) << '\n';
    out << "tables_parsed_once = " << reused << '\n';
    out << "reference_split_ms = " << median(split) << '\n';
    out << "ratio_to_split = " << median(total) / median(split) << '\n';
    return 0;
}
