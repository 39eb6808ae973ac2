#include "local/metastore.h"

#include "local/naming.h"

using namespace Qt::StringLiterals;

namespace Local {

QString MetaStore::table(const QString &name) const
{
    return SqlSession::ident(Naming::metaSchema()) + u'.' + SqlSession::ident(name);
}

Core::Result<void> MetaStore::ensureSchema()
{
    const QString ts = u"DATETIME(3)"_s;
    const QStringList statements = {
        u"CREATE DATABASE IF NOT EXISTS "_s + SqlSession::ident(Naming::metaSchema())
            + u" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"settings"_s)
            + u" (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"databases"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE, default_branch VARCHAR(64) NOT NULL,"
              u" notes TEXT NULL, created_at "_s
            + ts + u" NOT NULL, updated_at "_s + ts + u" NOT NULL) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"branches"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, database_name VARCHAR(64) NOT NULL, name VARCHAR(64) NOT NULL,"
              u" parent_branch VARCHAR(64) NULL, schema_name VARCHAR(64) NOT NULL, production TINYINT NOT NULL DEFAULT "
              u"0,"
              u" safe_migrations TINYINT NOT NULL DEFAULT 0, created_at "_s
            + ts + u" NOT NULL, updated_at "_s + ts + u" NOT NULL, schema_last_updated_at "_s + ts
            + u" NULL, UNIQUE KEY (database_name, name)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"passwords"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, database_name VARCHAR(64) NOT NULL, branch_name VARCHAR(64) NOT NULL,"
              u" name VARCHAR(255) NOT NULL, role VARCHAR(16) NOT NULL, username VARCHAR(64) NOT NULL UNIQUE,"
              u" replica TINYINT NOT NULL DEFAULT 0, ttl_seconds BIGINT NULL, created_at "_s
            + ts
            + u" NOT NULL,"
              u" expires_at "_s
            + ts + u" NULL, deleted_at "_s + ts + u" NULL, KEY (database_name, branch_name)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"deploy_requests"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, deployment_id VARCHAR(16) NOT NULL, database_name VARCHAR(64) NOT NULL,"
              u" number BIGINT NOT NULL, branch VARCHAR(64) NOT NULL, branch_id VARCHAR(16) NOT NULL,"
              u" into_branch VARCHAR(64) NOT NULL, notes TEXT NULL, state VARCHAR(16) NOT NULL,"
              u" deployment_state VARCHAR(32) NOT NULL, approved TINYINT NOT NULL DEFAULT 0,"
              u" auto_cutover TINYINT NOT NULL DEFAULT 1, auto_delete_branch TINYINT NOT NULL DEFAULT 0,"
              u" instant_ddl TINYINT NOT NULL DEFAULT 0, revert_window_seconds INT NULL, deploy_errors TEXT NULL,"
              u" created_at "_s
            + ts
            + u" NOT NULL,"
              u" updated_at "_s
            + ts + u" NOT NULL, closed_at "_s + ts + u" NULL, deployed_at "_s + ts
            + u" NULL,"
              u" queued_at "_s
            + ts + u" NULL, submitted_at "_s + ts + u" NULL, started_at "_s + ts
            + u" NULL,"
              u" ready_to_cutover_at "_s
            + ts + u" NULL, cutover_at "_s + ts + u" NULL, finished_at "_s + ts
            + u" NULL,"
              u" revert_expires_at "_s
            + ts + u" NULL, UNIQUE KEY (database_name, number)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"deploy_operations"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, deploy_request_id VARCHAR(16) NOT NULL, position INT NOT NULL,"
              u" table_name VARCHAR(64) NOT NULL, is_view TINYINT NOT NULL DEFAULT 0, operation_name VARCHAR(16) NOT "
              u"NULL,"
              u" ddl_statement MEDIUMTEXT NOT NULL, old_definition MEDIUMTEXT NULL, new_definition MEDIUMTEXT NULL,"
              u" can_drop_data TINYINT NOT NULL DEFAULT 0, state VARCHAR(16) NOT NULL, rows_total BIGINT NULL,"
              u" rows_copied BIGINT NULL, progress DOUBLE NULL, eta_seconds DOUBLE NULL, deploy_errors TEXT NULL,"
              u" created_at "_s
            + ts + u" NOT NULL, updated_at "_s + ts
            + u" NOT NULL, KEY (deploy_request_id, position))"
              u" ENGINE=InnoDB"_s,
        // A table of its own rather than a column, so that sandboxes created before it gain it here.
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"deploy_lint"_s)
            + u" (deploy_request_id VARCHAR(16) PRIMARY KEY, lint_errors MEDIUMTEXT NOT NULL) ENGINE=InnoDB"_s,
        // Added after the first release: the data checks' findings, the cutover's retry time, the journal.
        u"ALTER TABLE "_s + table(u"deploy_requests"_s)
            + u" ADD COLUMN IF NOT EXISTS lint_errors MEDIUMTEXT NULL,"
              u" ADD COLUMN IF NOT EXISTS retry_at "_s
            + ts + u" NULL"_s,
        u"ALTER TABLE "_s + table(u"deploy_operations"_s)
            + u" ADD COLUMN IF NOT EXISTS step VARCHAR(32) NULL,"
              u" ADD COLUMN IF NOT EXISTS copied_up_to MEDIUMBLOB NULL,"
              u" ADD COLUMN IF NOT EXISTS verified_up_to MEDIUMBLOB NULL"_s,
        // Added for the deploy controls (issue 18): force cutover, the throttler ratio and when it last held
        // a copy back.
        u"ALTER TABLE "_s + table(u"deploy_requests"_s) + u" ADD COLUMN IF NOT EXISTS force_cutover_at "_s + ts
            + u" NULL, ADD COLUMN IF NOT EXISTS throttle_ratio INT NOT NULL DEFAULT 0,"
              u" ADD COLUMN IF NOT EXISTS throttler_updated_at "_s
            + ts + u" NULL"_s,
        u"ALTER TABLE "_s + table(u"deploy_operations"_s) + u" ADD COLUMN IF NOT EXISTS throttled_at "_s + ts
            + u" NULL"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"deploy_journal"_s)
            + u" (id BIGINT AUTO_INCREMENT PRIMARY KEY, deploy_request_id VARCHAR(16) NOT NULL,"
              u" operation_id VARCHAR(16) NULL, step VARCHAR(32) NOT NULL, detail MEDIUMTEXT NULL, created_at "_s
            + ts + u" NOT NULL, KEY (deploy_request_id, id)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"reviews"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, deploy_request_id VARCHAR(16) NOT NULL, state VARCHAR(16) NOT NULL,"
              u" body TEXT NOT NULL, created_at "_s
            + ts + u" NOT NULL, KEY (deploy_request_id)) ENGINE=InnoDB"_s,
        // Schema recommendations (RecommendationStore), numbered per database; rec_key names the finding.
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"schema_recommendations"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, database_name VARCHAR(64) NOT NULL, number BIGINT NOT NULL,"
              u" rec_key VARCHAR(255) NOT NULL, recommendation_type VARCHAR(32) NOT NULL,"
              u" table_name VARCHAR(64) NOT NULL, title TEXT NOT NULL, ddl_statement MEDIUMTEXT NOT NULL,"
              u" state VARCHAR(16) NOT NULL, dismiss_reason TEXT NULL, closed_by_request_id VARCHAR(16) NULL,"
              u" closed_by_branch_id VARCHAR(16) NULL, closed_by_number BIGINT NULL, created_at "_s
            + ts + u" NOT NULL, updated_at "_s + ts + u" NOT NULL, applied_at "_s + ts + u" NULL, dismissed_at "_s + ts
            + u" NULL, UNIQUE KEY (database_name, number), KEY (database_name, rec_key)) ENGINE=InnoDB"_s,
        // Query Insights (InsightsSampler): the digest totals last seen, the per-minute differences of
        // them, and the latency of each statement event, so the time series outlive performance_schema.
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"insights_digests"_s)
            + u" (schema_name VARCHAR(64) NOT NULL, digest VARCHAR(64) NOT NULL, count_star BIGINT NOT NULL,"
              u" sum_errors BIGINT NOT NULL, sum_ms DOUBLE NOT NULL, rows_read BIGINT NOT NULL,"
              u" rows_returned BIGINT NOT NULL, rows_affected BIGINT NOT NULL,"
              u" PRIMARY KEY (schema_name, digest)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"insights_minutes"_s)
            + u" (schema_name VARCHAR(64) NOT NULL, digest VARCHAR(64) NOT NULL, minute DATETIME NOT NULL,"
              u" queries BIGINT NOT NULL, errors BIGINT NOT NULL, total_ms DOUBLE NOT NULL, rows_read BIGINT NOT NULL,"
              u" rows_returned BIGINT NOT NULL, rows_affected BIGINT NOT NULL,"
              u" PRIMARY KEY (schema_name, digest, minute), KEY (schema_name, minute), KEY (minute)) ENGINE=InnoDB"_s,
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"insights_samples"_s)
            + u" (id BIGINT AUTO_INCREMENT PRIMARY KEY, schema_name VARCHAR(64) NOT NULL, digest VARCHAR(64) NOT NULL,"
              u" at DATETIME(3) NOT NULL, latency_ms DOUBLE NOT NULL, KEY (schema_name, digest, at), KEY (at))"
              u" ENGINE=InnoDB"_s,
        // Backups (issue 18): the copy lives in the schema storage_schema (BackupStore); copy_connection is
        // the connection copying it while running, so a backup cut off by a restart is recognised.
        u"CREATE TABLE IF NOT EXISTS "_s + table(u"backups"_s)
            + u" (id VARCHAR(16) PRIMARY KEY, database_name VARCHAR(64) NOT NULL, branch_name VARCHAR(64) NOT NULL,"
              u" branch_id VARCHAR(16) NOT NULL, name VARCHAR(255) NOT NULL, state VARCHAR(16) NOT NULL,"
              u" storage_schema VARCHAR(64) NULL, size BIGINT NOT NULL DEFAULT 0,"
              u" uncompressed_size BIGINT NOT NULL DEFAULT 0, rows_copied BIGINT NOT NULL DEFAULT 0,"
              u" retention_seconds BIGINT NOT NULL, protected TINYINT NOT NULL DEFAULT 0, copy_connection BIGINT NULL,"
              u" error TEXT NULL, created_at "_s
            + ts + u" NOT NULL, updated_at "_s + ts + u" NOT NULL, started_at "_s + ts + u" NULL, completed_at "_s + ts
            + u" NULL, expires_at "_s + ts + u" NULL, KEY (database_name, branch_name)) ENGINE=InnoDB"_s,
        u"ALTER TABLE "_s + table(u"branches"_s) + u" ADD COLUMN IF NOT EXISTS restored_from_backup VARCHAR(16) NULL"_s,
        // A branch restored from a backup is filled by the deploy worker (RestoreRun): restore_state pending →
        // running → NULL (ready), or failed with restore_error (the branch stays empty and not ready).
        u"ALTER TABLE "_s + table(u"branches"_s)
            + u" ADD COLUMN IF NOT EXISTS restore_state VARCHAR(16) NULL,"
              u" ADD COLUMN IF NOT EXISTS restore_error TEXT NULL"_s,
    };
    for (const QString &sql : statements) {
        if (auto done = m_session.exec(sql); !done)
            return done;
    }
    return {};
}

Core::Result<std::pair<QString, QString>> MetaStore::serviceToken()
{
    // Insert-if-absent, then read: two sandboxes starting at once on a new server agree on one token.
    const QString id = Naming::randomId(12);
    const QString token = u"pscale_tkn_"_s + Naming::randomSecret(30);
    if (auto stored = m_session.exec(u"INSERT IGNORE INTO "_s + table(u"settings"_s)
            + u" (name, value) VALUES ('service_token_id', "_s + m_session.quote(id) + u"), ('service_token', "_s
            + m_session.quote(token) + u')');
        !stored)
        return Core::makeError(u"sql_error"_s, u"The service token could not be stored."_s);
    auto rows = m_session.query(u"SELECT name, value FROM "_s + table(u"settings"_s)
        + u" WHERE name IN ('service_token_id', 'service_token')"_s);
    if (!rows)
        return rows.error();
    QString storedId, storedToken;
    for (const Row &row : *rows)
        (row.value(u"name"_s) == u"service_token_id"_s ? storedId : storedToken) = row.value(u"value"_s);
    if (storedId.isEmpty() || storedToken.isEmpty())
        return Core::makeError(u"sql_error"_s, u"The service token is incomplete in the metadata."_s);
    return std::pair { storedId, storedToken };
}

Core::Result<std::optional<Row>> MetaStore::one(const QString &sql)
{
    auto rows = m_session.query(sql);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Row>();
    return std::optional<Row>(rows->constFirst());
}

Core::Result<std::optional<Row>> MetaStore::database(const QString &name)
{
    return one(u"SELECT * FROM "_s + table(u"databases"_s) + u" WHERE name = "_s + m_session.quote(name));
}

Core::Result<std::optional<Row>> MetaStore::branch(const QString &database, const QString &name)
{
    return one(u"SELECT * FROM "_s + table(u"branches"_s) + u" WHERE database_name = "_s + m_session.quote(database)
        + u" AND name = "_s + m_session.quote(name));
}

Core::Result<std::optional<Row>> MetaStore::password(const QString &database, const QString &branch, const QString &id)
{
    return one(u"SELECT * FROM "_s + table(u"passwords"_s) + u" WHERE database_name = "_s + m_session.quote(database)
        + u" AND branch_name = "_s + m_session.quote(branch) + u" AND id = "_s + m_session.quote(id)
        + u" AND deleted_at IS NULL"_s);
}

Core::Result<QList<DeployRequestRecord>> MetaStore::deployRequests(const QString &where)
{
    auto result = m_session.select(u"SELECT * FROM "_s + table(u"deploy_requests"_s) + u" WHERE "_s + where);
    if (!result)
        return result.error();
    return DeployRequestRecord::from(*result);
}

Core::Result<std::optional<DeployRequestRecord>> MetaStore::deployRequest(const QString &database, qint64 number)
{
    auto rows = deployRequests(
        u"database_name = "_s + m_session.quote(database) + u" AND number = "_s + QString::number(number));
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? std::nullopt : std::optional(rows->constFirst());
}

Core::Result<std::optional<DeployRequestRecord>> MetaStore::deployRequestById(const QString &id)
{
    auto rows = deployRequests(u"id = "_s + m_session.quote(id));
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? std::nullopt : std::optional(rows->constFirst());
}

Core::Result<QList<DeployOperationRecord>> MetaStore::operations(const QString &requestId)
{
    auto result = m_session.select(u"SELECT * FROM "_s + table(u"deploy_operations"_s)
        + u" WHERE deploy_request_id = "_s + m_session.quote(requestId) + u" ORDER BY position"_s);
    if (!result)
        return result.error();
    return DeployOperationRecord::from(*result);
}

} // namespace Local
