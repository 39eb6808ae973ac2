#pragma once

#include "local/httpcall.h"
#include "local/recommendationstore.h"
#include "local/services.h"

namespace Local {

// /organizations/local/databases/{database}/schema-recommendations[/{number}[/dismiss]]: the database's
// schema recommendations (RecommendationStore), refreshed from its default branch on every look.
class RecommendationsHandler
{
public:
    explicit RecommendationsHandler(Services services)
        : m_services(services)
        , m_store(services)
    { }

    HttpAnswer handle(const HttpCall &call);
    // The API's object for a stored recommendation.
    QJsonObject json(const Row &row) const;

private:
    HttpAnswer list(const HttpCall &call, const QString &database);
    HttpAnswer dismiss(const HttpCall &call, const Row &recommendation);

    Services m_services;
    RecommendationStore m_store;
};

} // namespace Local
