#pragma once

#include "core/result.h"
#include "local/services.h"
#include "local/sqlsession.h"

#include <optional>

namespace Local {

// A database's schema recommendations in the metadata (schema_recommendations), kept in step with its
// default branch's schema: each look (refresh) asks Schema::SchemaRecommender what the schema suggests now
// (IndexUsage which indexes no query reads, InsightsIndexes which ones the default branch's queries lack),
// opens a numbered recommendation for a new finding, and settles the open ones whose finding is gone —
// `applied` with the deploy request whose deployment into the default branch changed that table since the
// recommendation was made, `stale` when the schema changed some other way. Dismissed ones stay dismissed.
class RecommendationStore
{
public:
    explicit RecommendationStore(Services services)
        : m_services(services)
    { }

    Core::Result<void> refresh(const Row &database);
    // Rows of the database, by number; `where` is an extra SQL condition (or empty).
    Core::Result<QList<Row>> rows(const QString &database, const QString &where = {});
    Core::Result<std::optional<Row>> row(const QString &database, qint64 number);
    Core::Result<void> dismiss(const Row &recommendation, const QString &reason);
    // Open recommendations as last refreshed (the database's open_schema_recommendations_count).
    Core::Result<qint64> openCount(const QString &database);

private:
    // The first deploy request deployed into `branch` after `since` that changed `table`; empty Row if none.
    Core::Result<Row> closingRequest(
        const QString &database, const QString &branch, const QString &table, const QString &since);

    Services m_services;
};

} // namespace Local
