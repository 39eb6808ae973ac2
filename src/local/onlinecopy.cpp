#include "local/onlinecopy.h"

#include "local/failpoint.h"
#include "local/liveddl.h"
#include "local/triggerdefiner.h"
#include "sql/mysqllibrary.h"
#include "sql/servererrors.h"

#include <QElapsedTimer>
#include <QThread>

#include <future>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString columnList(const QStringList &columns, const QString &prefix = {})
{
    QStringList out;
    for (const QString &column : columns)
        out << prefix + SqlSession::ident(column);
    return out.join(u", "_s);
}

} // namespace

QString OnlineCopy::qualified(const QString &table) const
{
    return SqlSession::ident(m_plan.schema) + u'.' + SqlSession::ident(table);
}

QStringList OnlineCopy::triggerNames() const
{
    return { m_plan.triggerPrefix + u"_ti"_s, m_plan.triggerPrefix + u"_tu"_s, m_plan.triggerPrefix + u"_td"_s };
}

bool OnlineCopy::triggersInstalled()
{
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = "_s
        + m_session.quote(m_plan.schema) + u" AND TRIGGER_NAME IN ("_s + m_session.quote(triggerNames()[0]) + u", "_s
        + m_session.quote(triggerNames()[1]) + u", "_s + m_session.quote(triggerNames()[2]) + u')');
    return n && *n == u"3"_s;
}

bool OnlineCopy::shadowExists()
{
    auto n = m_session.scalar(u"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + m_session.quote(m_plan.schema) + u" AND TABLE_NAME = "_s + m_session.quote(m_plan.shadow));
    return n && *n == u"1"_s;
}

Core::Result<void> OnlineCopy::createShadow()
{
    if (auto dropped = m_session.exec(u"DROP TABLE IF EXISTS "_s + qualified(m_plan.shadow)); !dropped)
        return dropped;
    if (auto used = m_session.use(m_plan.schema); !used)
        return used;
    return m_session.exec(m_plan.shadowDefinition);
}

// The values of one row in the shadow's column order: the copied columns from `prefix` (NEW. in a
// trigger), the columns filled from the archive, the implicit values of new NOT NULL columns.
QString OnlineCopy::insertRow(const QString &prefix) const
{
    QStringList targets = m_plan.columns;
    QStringList values;
    for (const QString &column : m_plan.columns)
        values << prefix + SqlSession::ident(column);
    for (const FillColumn &f : m_plan.fill) {
        targets << f.name;
        values << f.expression;
    }
    for (const auto &[name, value] : m_plan.implicitValues) {
        targets << name;
        values << value;
    }
    QString from;
    if (!m_plan.fillFrom.isEmpty())
        from = u" FROM (SELECT 1) AS d LEFT JOIN "_s + qualified(m_plan.fillFrom) + u" AS a ON "_s
            + KeyRange(m_plan.key).match(u"a."_s, prefix);
    else if (!m_plan.fill.isEmpty())
        from = u" FROM (SELECT 1) AS d"_s;
    return u"INSERT INTO "_s + qualified(m_plan.shadow) + u" ("_s + columnList(targets) + u") SELECT "_s
        + values.join(u", "_s) + from;
}

Core::Result<void> OnlineCopy::installTriggers()
{
    const QStringList names = triggerNames();
    const QString source = qualified(m_plan.source);
    const KeyRange key(m_plan.key);
    QStringList keyKept;
    QStringList keyNames;
    for (const KeyColumn &k : m_plan.key) {
        keyKept << u"NEW."_s + SqlSession::ident(k.name) + u" <=> OLD."_s + SqlSession::ident(k.name);
        keyNames << k.name;
    }
    QStringList updates;
    for (const QString &column : m_plan.columns) {
        if (!keyNames.contains(column))
            updates << SqlSession::ident(column) + u" = NEW."_s + SqlSession::ident(column);
    }
    const QString deleteOld = u"DELETE FROM "_s + qualified(m_plan.shadow) + u" WHERE "_s + key.match({}, u"OLD."_s);
    const QString moved = deleteOld + u"; "_s + insertRow(u"NEW."_s) + u';';
    // An update that keeps the key changes the row in place; one that changes the key moves it.
    const QString onUpdate = updates.isEmpty()
        ? QString(u"IF NOT ("_s + keyKept.join(u" AND "_s) + u") THEN "_s + moved + u" END IF;"_s)
        : u"IF "_s + keyKept.join(u" AND "_s) + u" THEN UPDATE "_s + qualified(m_plan.shadow) + u" SET "_s
            + updates.join(u", "_s) + u" WHERE "_s + key.match({}, u"OLD."_s) + u"; ELSE "_s + moved + u" END IF;"_s;
    // The triggers run as an account that outlives every sandbox's (TriggerDefiner), not as the worker's.
    if (auto granted = TriggerDefiner::grantOn(m_session, m_plan.schema); !granted)
        return granted;
    const auto statements = [&](const QString &create) -> QStringList {
        return {
            u"DROP TRIGGER IF EXISTS "_s + qualified(names[0]),
            u"DROP TRIGGER IF EXISTS "_s + qualified(names[1]),
            u"DROP TRIGGER IF EXISTS "_s + qualified(names[2]),
            create + qualified(names[0]) + u" AFTER INSERT ON "_s + source + u" FOR EACH ROW "_s + insertRow(u"NEW."_s),
            create + qualified(names[1]) + u" AFTER UPDATE ON "_s + source + u" FOR EACH ROW BEGIN "_s + onUpdate
                + u" END"_s,
            create + qualified(names[2]) + u" AFTER DELETE ON "_s + source + u" FOR EACH ROW "_s + deleteOld,
        };
    };
    auto done = LiveDdl::runAll(
        m_session, statements(u"CREATE "_s + TriggerDefiner::clause() + u" TRIGGER "_s), m_ddlBudgetMs);
    if (!done && m_session.lastErrorNumber() == Sql::ServerError::SpecificAccessDenied) {
        // MySQL without SET_USER_ID / SET_ANY_DEFINER: the worker's own account it has to be (README).
        done = LiveDdl::runAll(m_session, statements(u"CREATE TRIGGER "_s), m_ddlBudgetMs);
    }
    if (!done) {
        (void)dropTriggers();
        return done;
    }
    return {};
}

Core::Result<void> OnlineCopy::dropTriggers()
{
    QStringList statements;
    for (const QString &name : triggerNames())
        statements << u"DROP TRIGGER IF EXISTS "_s + qualified(name);
    return LiveDdl::runAll(m_session, statements, m_ddlBudgetMs);
}

Core::Result<void> OnlineCopy::abandon()
{
    if (auto dropped = dropTriggers(); !dropped)
        return dropped;
    return LiveDdl::run(m_session, u"DROP TABLE IF EXISTS "_s + qualified(m_plan.shadow), m_ddlBudgetMs);
}

QString OnlineCopy::copySelect(const QString &range) const
{
    QStringList targets = m_plan.columns;
    QStringList values;
    for (const QString &column : m_plan.columns)
        values << u"s."_s + SqlSession::ident(column);
    for (const FillColumn &f : m_plan.fill) {
        targets << f.name;
        values << f.expression;
    }
    for (const auto &[name, value] : m_plan.implicitValues) {
        targets << name;
        values << value;
    }
    const QString join = m_plan.fillFrom.isEmpty()
        ? QString()
        : u" LEFT JOIN "_s + qualified(m_plan.fillFrom) + u" AS a ON "_s + KeyRange(m_plan.key).match(u"a."_s, u"s."_s);
    return u"INSERT INTO "_s + qualified(m_plan.shadow) + u" ("_s + columnList(targets) + u") SELECT "_s
        + values.join(u", "_s) + u" FROM "_s + qualified(m_plan.source) + u" AS s"_s + join + u" WHERE "_s + range
        + u" ORDER BY "_s + KeyRange(m_plan.key).list(u"s"_s);
}

// Row count and an order-independent checksum of the columns copied as they are; NULL is told from ''.
QString OnlineCopy::checksum(const QString &table, const QString &range) const
{
    QStringList same;
    QStringList nulls;
    for (const QString &column : m_plan.columns) {
        if (m_plan.changedColumns.contains(column))
            continue;
        same << u"s."_s + SqlSession::ident(column);
        nulls << u"ISNULL(s."_s + SqlSession::ident(column) + u')';
    }
    if (same.isEmpty())
        return u"SELECT COUNT(*) FROM "_s + qualified(table) + u" AS s WHERE "_s + range;
    const QString row = u"CONCAT_WS('#', "_s + same.join(u", "_s) + u", CONCAT("_s + nulls.join(u", "_s) + u"))"_s;
    return u"SELECT COUNT(*), COALESCE(BIT_XOR(CRC32("_s + row + u")), 0) FROM "_s + qualified(table)
        + u" AS s WHERE "_s + range;
}

Core::Result<void> OnlineCopy::verifyChunk(SqlSession &session, const QString &range) const
{
    auto source = session.select(checksum(m_plan.source, range));
    if (!source)
        return source.error();
    auto shadow = session.select(checksum(m_plan.shadow, range));
    if (!shadow)
        return shadow.error();
    if (source->rows != shadow->rows) {
        const QString rows = QString::fromLatin1(source->rows.value(0).value(0));
        const QString copied = QString::fromLatin1(shadow->rows.value(0).value(0));
        return Core::makeError(u"verification_failed"_s,
            u"Table "_s + m_plan.source + u": the copy of a chunk differs from the live table ("_s
                + (rows == copied ? QString(u"the same "_s + rows + u" rows, other values"_s)
                                  : QString(rows + u" rows against "_s + copied + u" copied"_s))
                + u")."_s);
    }
    if (m_plan.changedColumns.isEmpty())
        return {};
    QStringList differs;
    for (const QString &column : m_plan.changedColumns) {
        const QString s = u"s."_s + SqlSession::ident(column), n = u"n."_s + SqlSession::ident(column);
        differs << (m_plan.textColumns.contains(column) ? QString(u"NOT (CAST(CONVERT("_s + s
                        + u" USING utf8mb4) AS BINARY) <=> CAST(CONVERT("_s + n + u" USING utf8mb4) AS BINARY))"_s)
                                                        : QString(u"NOT ("_s + s + u" <=> "_s + n + u')'));
    }
    auto changed = session.scalar(u"SELECT COUNT(*) FROM "_s + qualified(m_plan.source) + u" AS s JOIN "_s
        + qualified(m_plan.shadow) + u" AS n ON "_s + KeyRange(m_plan.key).match(u"n."_s, u"s."_s) + u" WHERE "_s
        + range + u" AND ("_s + differs.join(u" OR "_s) + u')');
    if (!changed)
        return changed.error();
    if (*changed != u"0"_s)
        return Core::makeError(u"verification_failed"_s,
            u"Table "_s + m_plan.source + u": the new column types would change the values of "_s + *changed
                + u" rows ("_s + m_plan.changedColumns.join(u", "_s) + u")."_s);
    return {};
}

Core::Result<void> OnlineCopy::verifyCommitted(SqlSession &session, const QString &range) const
{
    if (auto begun = session.exec(u"START TRANSACTION WITH CONSISTENT SNAPSHOT"_s); !begun)
        return begun;
    Core::Result<void> checked = verifyChunk(session, range);
    (void)session.exec(u"COMMIT"_s); // read-only: nothing to keep or undo
    return checked;
}

// One chunk in one transaction; returns the rows it copied.
Core::Result<qint64> OnlineCopy::copyChunk(
    const QString &shadowRange, const QString &range, const std::function<Core::Result<QStringList>(qint64)> &finish)
{
    for (int attempt = 0;; ++attempt) {
        qint64 copied = 0;
        auto done = m_session.transaction([&]() -> Core::Result<void> {
            // Rows the triggers mirrored into a range not copied yet are replaced by the locked originals.
            if (auto deleted
                = m_session.exec(u"DELETE FROM "_s + qualified(m_plan.shadow) + u" WHERE "_s + shadowRange);
                !deleted)
                return deleted;
            if (auto inserted = m_session.exec(copySelect(range)); !inserted)
                return inserted;
            copied = qint64(m_session.affectedRows());
            auto journal = finish(copied);
            if (!journal)
                return journal.error();
            for (const QString &sql : *journal) {
                if (auto written = m_session.exec(sql); !written)
                    return written;
            }
            return {};
        });
        if (done)
            return copied;
        if (!LiveDdl::isLockError(m_session.lastErrorNumber()) || attempt >= 30)
            return done.error();
        // A chunk that lost a deadlock or lock wait to an application write is simply run again.
        QThread::msleep(static_cast<unsigned long>(10 * (attempt + 1)));
    }
}

Core::Result<KeyValue> OnlineCopy::keyAt(const QString &where, const QString &order, int offset)
{
    const KeyRange key(m_plan.key);
    QStringList ordered;
    for (const KeyColumn &k : m_plan.key)
        ordered << u"s."_s + SqlSession::ident(k.name) + u' ' + order;
    auto row
        = m_session.select(u"SELECT "_s + key.list(u"s"_s) + u" FROM "_s + qualified(m_plan.source) + u" AS s WHERE "_s
            + where + u" ORDER BY "_s + ordered.join(u", "_s) + u" LIMIT 1 OFFSET "_s + QString::number(offset));
    if (!row)
        return row.error();
    return row->rows.isEmpty() ? KeyValue() : row->rows.constFirst();
}

Core::Result<void> OnlineCopy::copy(
    const KeyValue &resumeAfter, const KeyValue &verifiedUpTo, const JournalFn &journal, const ProgressFn &progressed)
{
    if (auto copied = copyRows(resumeAfter, verifiedUpTo, journal, progressed); !copied)
        return copied;
    if (auto built = buildIndexes(); !built)
        return built;
    const QByteArray point = m_failpointPrefix + QByteArray("_indexes_built");
    Failpoint::hit(point.constData());
    return {};
}

// The deferred indexes the shadow does not have yet, in one ALTER: InnoDB sorts each index once instead of
// inserting into it row by row, and LOCK=NONE lets the triggers go on writing meanwhile. After a crash the
// ALTER simply runs again for what is missing (it is atomic: all its indexes or none).
Core::Result<void> OnlineCopy::buildIndexes()
{
    if (m_plan.deferredIndexes.isEmpty())
        return {};
    auto present
        = m_session.select(u"SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "_s
            + m_session.quote(m_plan.schema) + u" AND TABLE_NAME = "_s + m_session.quote(m_plan.shadow));
    if (!present)
        return present.error();
    QStringList names;
    for (const QList<QByteArray> &row : present->rows)
        names << QString::fromUtf8(row.value(0));
    QStringList adds;
    for (const DeferredIndex &index : m_plan.deferredIndexes) {
        if (!names.contains(index.name))
            adds << u"ADD "_s + index.definition;
    }
    if (adds.isEmpty())
        return {};
    // Unlike other DDL on live tables this ALTER waits up to a second for its metadata lock: every write the
    // triggers mirror holds the shadow's lock for its statement, and an ALTER that gave up at its end would throw
    // the whole build away and start again (seen in bench_deploy: 0.85 s builds taking 1.7–2.5 s). Application
    // statements queue behind the waiting ALTER for at most that second.
    auto previous = m_session.scalar(u"SELECT @@SESSION.lock_wait_timeout"_s);
    if (!previous)
        return previous.error();
    if (auto set = m_session.exec(u"SET SESSION lock_wait_timeout = 1"_s); !set)
        return set;
    auto built = LiveDdl::run(m_session,
        u"ALTER TABLE "_s + qualified(m_plan.shadow) + u' ' + adds.join(u", "_s) + u", ALGORITHM=INPLACE, LOCK=NONE"_s,
        m_ddlBudgetMs);
    if (auto restored = m_session.exec(u"SET SESSION lock_wait_timeout = "_s + QString::number(previous->toLongLong()));
        !restored && built)
        return restored;
    return built;
}

Core::Result<void> OnlineCopy::copyRows(
    const KeyValue &resumeAfter, const KeyValue &verifiedUpTo, const JournalFn &journal, const ProgressFn &progressed)
{
    const KeyRange key(m_plan.key);
    CopyProgress progress;
    auto estimate = m_session.scalar(u"SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = "_s
        + m_session.quote(m_plan.schema) + u" AND TABLE_NAME = "_s + m_session.quote(m_plan.source));
    progress.total = estimate ? estimate->toLongLong() : 0;
    KeyValue lower = resumeAfter;
    if (!lower.isEmpty() && verifiedUpTo != lower) {
        // Chunks committed before a crash whose check had not been journaled yet are checked first.
        const QString unverified = (verifiedUpTo.isEmpty() ? u"1 = 1"_s : key.after(u"s"_s, verifiedUpTo)) + u" AND "_s
            + key.atMost(u"s"_s, lower);
        if (auto verified = verifyCommitted(m_session, unverified); !verified)
            return verified;
    }
    progress.verifiedUpTo = lower;
    m_verifiedUpTo = lower;
    // The last row now: rows written later are the triggers' alone (they are installed), so the chunks
    // end here and their last lock never covers the gap where new rows arrive.
    auto last = keyAt(u"1 = 1"_s, u"DESC"_s, 0);
    if (!last)
        return last.error();
    if (last->isEmpty() || (!lower.isEmpty() && *last == lower))
        return {}; // nothing (more) to copy
    if (!lower.isEmpty()) {
        auto done = m_session.scalar(
            u"SELECT COUNT(*) FROM "_s + qualified(m_plan.source) + u" AS s WHERE NOT "_s + key.after(u"s"_s, lower));
        progress.copied = done ? done->toLongLong() : 0;
    }
    KeyValue checked; // the upper key of the last chunk checked after its commit, to journal with the next
    // Each chunk's check runs beside the next chunk's copy, on a second session: a consistent snapshot reads
    // without locks, so neither waits for the other. Without that session, checks run in turn.
    std::unique_ptr<SqlSession> checker;
    if (m_plan.checkBeside) {
        if (auto another = m_session.openAnother(); another)
            checker = std::move(another).value();
    }
    std::future<Core::Result<void>> pending; // destroyed (waited for) before `checker`
    KeyValue pendingUpper;
    const auto joinCheck = [&]() -> Core::Result<void> {
        if (!pending.valid())
            return {};
        Core::Result<void> done = pending.get();
        if (done)
            checked = pendingUpper;
        return done;
    };
    int rows = qMax(1, m_plan.chunkRows);
    QElapsedTimer timer;
    timer.start();
    const qint64 startCopied = progress.copied;
    for (;;) {
        const auto after
            = [&](const QString &alias) -> QString { return lower.isEmpty() ? u"1 = 1"_s : key.after(alias, lower); };
        auto boundary = keyAt(after(u"s"_s) + u" AND "_s + key.atMost(u"s"_s, *last), u"ASC"_s, rows - 1);
        if (!boundary)
            return boundary.error();
        const bool final = boundary->isEmpty() || *boundary == *last;
        const KeyValue upper = final ? *last : *boundary;
        if (!lower.isEmpty() && upper == lower)
            return Core::makeError(u"copy_stuck"_s, u"Table "_s + m_plan.source + u": the copy made no progress."_s);
        // The last row alone by equality: the lock of a range would extend into the gap after it.
        const auto range = [&](const QString &alias) -> QString {
            return after(alias) + u" AND "_s
                + (final ? u'(' + key.before(alias, upper) + u" OR "_s + key.equals(alias, upper) + u')'
                         : key.atMost(alias, upper));
        };
        const QString verifyRange = after(u"s"_s) + u" AND "_s + key.atMost(u"s"_s, upper);
        // The last chunk journals the copy as checked to its end: every earlier check has finished by then.
        if (final) {
            if (auto joined = joinCheck(); !joined)
                return joined;
        }
        QElapsedTimer chunk;
        chunk.start();
        CopyProgress next = progress;
        next.upTo = upper;
        next.verifiedUpTo = checked.isEmpty() ? progress.verifiedUpTo : checked;
        auto copied = copyChunk(range(QString()), range(u"s"_s), [&](qint64 n) -> Core::Result<QStringList> {
            if (final) {
                // The last chunk is checked in its own transaction: the copy ends with every chunk checked.
                if (auto verified = verifyChunk(m_session, verifyRange); !verified)
                    return verified.error();
                next.verifiedUpTo = upper;
            }
            next.copied = progress.copied + n;
            next.total = qMax(next.total, next.copied);
            const double elapsed = double(timer.elapsed() + 1) / 1000.0;
            const double rate = double(next.copied - startCopied) / elapsed;
            next.etaSeconds = rate > 0 ? double(qMax<qint64>(0, next.total - next.copied)) / rate : 0;
            return journal(next);
        });
        if (!copied)
            return copied.error();
        const qint64 took = qMax<qint64>(1, chunk.elapsed());
        progress = next;
        m_verifiedUpTo = progress.verifiedUpTo;
        const QByteArray point = m_failpointPrefix + QByteArray("_chunk_committed");
        Failpoint::hit(point.constData());
        if (!progressed(progress))
            return Core::makeError(u"cancelled"_s, u"The copy was cancelled."_s);
        if (final)
            return {};
        // Checked after its commit, so the chunk's locks are not held while the check reads both ranges;
        // journaled with a later chunk once it has finished.
        if (auto joined = joinCheck(); !joined)
            return joined;
        if (checker) {
            pending = std::async(std::launch::async, [this, session = checker.get(), range = verifyRange] {
                Sql::MysqlLibrary::threadStarted();
                Core::Result<void> verified = verifyCommitted(*session, range);
                Sql::MysqlLibrary::threadFinished();
                return verified;
            });
            pendingUpper = upper;
        } else if (auto verified = verifyCommitted(m_session, verifyRange); !verified) {
            return verified;
        } else {
            checked = upper;
        }
        lower = upper;
        if (m_plan.chunkTargetMs > 0) {
            rows = int(qBound<qint64>(
                qMax(1, rows / 2), qint64(rows) * m_plan.chunkTargetMs / took, qMin<qint64>(qint64(rows) * 2, 100000)));
        }
        if (m_plan.throttleMs > 0)
            QThread::msleep(static_cast<unsigned long>(m_plan.throttleMs));
    }
}

// Every chunk up to `verifiedUpTo` was checked after it committed (the last one inside its transaction), and
// the triggers have kept its range of the two tables equal since: what is left are the rows after it.
Core::Result<void> OnlineCopy::verifyRest(const KeyValue &verifiedUpTo)
{
    return verifyCommitted(
        m_session, verifiedUpTo.isEmpty() ? u"1 = 1"_s : KeyRange(m_plan.key).after(u"s"_s, verifiedUpTo));
}

} // namespace Local
