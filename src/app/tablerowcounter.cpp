#include "app/tablerowcounter.h"

#include "api/apiclient.h"
#include "sql/connectionpool.h"
#include "sql/poolregistry.h"
#include "sql/run.h"

using namespace Qt::StringLiterals;

namespace App {

namespace {

QString quotedName(QString name)
{
    return u'`' + name.replace(u'`', u"``"_s) + u'`';
}

QString quotedString(QString text)
{
    text.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u'\'' + text + u'\'';
}

} // namespace

TableRowCounter::TableRowCounter(Api::ApiClient *client, Sql::PoolRegistry *pools, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_pools(pools)
{ }

void TableRowCounter::withPool(const BranchRef &branch, PoolReady ready)
{
    Reader &reader = m_readers[branch.target()];
    if (reader.pool) {
        ready(reader.pool.get());
        return;
    }
    reader.waiting.append(std::move(ready));
    if (reader.connector)
        return; // a password is being minted already
    reader.connector = new BranchConnector(m_client, branch, m_sandboxCa, this);
    const QString key = branch.target();
    reader.connector->open(u"reader"_s, 3600, [this, key](Core::Result<Sql::ConnectionOptions> options) {
        Reader &r = m_readers[key];
        const auto waiting = std::exchange(r.waiting, {});
        if (!options.ok()) {
            r.connector->deleteLater();
            m_readers.remove(key);
            for (const auto &callback : waiting)
                callback(options.error());
            return;
        }
        r.pool = m_pools->pool(options.value());
        for (const auto &callback : waiting)
            callback(r.pool.get());
    });
}

void TableRowCounter::query(
    Sql::ConnectionPool *pool, const QString &sql, QObject *context, std::function<void(Core::Result<Rows>)> done)
{
    Core::SqlStatement statement;
    statement.text = sql;
    statement.end = sql.size();
    Sql::Run::Options options;
    options.allowBinaryProtocol = false;
    // The run belongs to the asking document: closing it cancels the count.
    Sql::Run *run = pool->run({ statement }, options).release();
    run->setParent(context);
    auto rows = std::make_shared<Rows>();
    auto error = std::make_shared<QString>();
    connect(run, &Sql::Run::rowsReceived, run, [rows](const Sql::RowBatch &batch) {
        for (qsizetype r = 0; r < batch.rows.rowCount(); ++r)
            rows->append(
                { batch.rows.cellText(r, 0), batch.rows.columnCount() > 1 ? batch.rows.cellText(r, 1) : QString() });
    });
    connect(run, &Sql::Run::statementFailed, run, [error](const Sql::StatementError &e) { *error = e.message; });
    connect(run, &Sql::Run::finished, run, [run, rows, error, done](const Sql::JobSummary &summary) {
        run->deleteLater();
        if (!summary.connectError.isEmpty())
            return done(Core::makeError(u"row_count_connect"_s, summary.connectError));
        if (!error->isEmpty())
            return done(Core::makeError(u"row_count_query"_s, *error));
        done(*rows);
    });
}

void TableRowCounter::count(const BranchRef &branch, const QStringList &tables, QObject *context, Done done)
{
    QPointer<QObject> guard(context);
    withPool(branch, [this, tables, guard, done](Core::Result<Sql::ConnectionPool *> pool) {
        if (!guard)
            return;
        if (!pool.ok())
            return done(pool.error());
        QStringList names;
        for (const QString &t : tables)
            names << quotedString(t);
        const QString estimates = u"SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE "
                                  u"TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (%1)"_s.arg(names.join(u", "_s));
        Sql::ConnectionPool *p = pool.value();
        query(p, estimates, guard, [this, p, guard, done](Core::Result<Rows> result) {
            if (!guard)
                return;
            if (!result.ok())
                return done(result.error());
            Counts counts;
            QStringList exact;
            for (const auto &[name, rows] : result.value()) {
                counts.rows.insert(name, rows.toLongLong());
                if (rows.toLongLong() <= m_exactLimit)
                    exact << u"SELECT %1, COUNT(*) FROM %2"_s.arg(quotedString(name), quotedName(name));
            }
            counts.estimated = exact.size() < counts.rows.size();
            if (exact.isEmpty())
                return done(counts);
            query(p, exact.join(u" UNION ALL "_s), guard, [counts, done](Core::Result<Rows> exactResult) mutable {
                if (!exactResult.ok()) {
                    counts.estimated = true; // the estimates still say something
                    return done(counts);
                }
                for (const auto &[name, rows] : exactResult.value())
                    counts.rows.insert(name, rows.toLongLong());
                done(counts);
            });
        });
    });
}

void TableRowCounter::explain(
    const BranchRef &branch, const QString &sql, QObject *context, std::function<void(Core::Result<QString>)> done)
{
    QPointer<QObject> guard(context);
    withPool(branch, [this, sql, guard, done](Core::Result<Sql::ConnectionPool *> pool) {
        if (!guard)
            return;
        if (!pool.ok())
            return done(pool.error());
        query(pool.value(), u"EXPLAIN FORMAT=JSON "_s + sql, guard, [done](Core::Result<Rows> rows) {
            if (!rows.ok())
                return done(rows.error());
            if (rows.value().isEmpty())
                return done(Core::makeError(u"explain_empty"_s, tr("EXPLAIN returned no plan.")));
            done(rows.value().first().first);
        });
    });
}

} // namespace App
