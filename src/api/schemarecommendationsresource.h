#pragma once

#include "api/resource.h"
#include "core/schemarecommendation.h"

namespace Api {

// /organizations/{org}/databases/{db}/schema-recommendations: what PlanetScale suggests changing in the
// default branch's schema, each with its DDL; a recommendation is applied through a deploy request.
class SchemaRecommendationsResource : public Resource
{
public:
    using Resource::Resource;

    // state: "open" | "closed" (applied, dismissed or stale); empty for all.
    RequestId list(const QString &org, const QString &db, const QString &state, QObject *context,
        Callback<QList<Core::SchemaRecommendation>> callback) const;
    RequestId get(const QString &org, const QString &db, qint64 number, QObject *context,
        Callback<Core::SchemaRecommendation> callback) const;
    // reason: at most 500 characters; empty sends none.
    RequestId dismiss(const QString &org, const QString &db, qint64 number, const QString &reason, QObject *context,
        Callback<Core::SchemaRecommendation> callback) const;
};

} // namespace Api
