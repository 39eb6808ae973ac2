#include "api/schemarecommendationsresource.h"

#include "api/schemarecommendationparser.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

QStringList recommendationsPath(const QStringList &database)
{
    return database + QStringList { u"schema-recommendations"_s };
}

} // namespace

RequestId SchemaRecommendationsResource::list(const QString &org, const QString &db, const QString &state,
    QObject *context, Callback<QList<Core::SchemaRecommendation>> callback) const
{
    ApiRequest request = ApiRequest::get(recommendationsPath(databasePath(org, db)), u"read_database"_s);
    if (!state.isEmpty())
        request.query.addQueryItem(u"state"_s, state);
    return Resource::list<Core::SchemaRecommendation>(
        request, context, Parsers::readSchemaRecommendation, u"schema_recommendations"_s, std::move(callback));
}

RequestId SchemaRecommendationsResource::get(const QString &org, const QString &db, qint64 number, QObject *context,
    Callback<Core::SchemaRecommendation> callback) const
{
    return object<Core::SchemaRecommendation>(
        ApiRequest::get(recommendationsPath(databasePath(org, db)) << QString::number(number), u"read_database"_s),
        context, Parsers::readSchemaRecommendation, u"schema_recommendation"_s, std::move(callback));
}

RequestId SchemaRecommendationsResource::dismiss(const QString &org, const QString &db, qint64 number,
    const QString &reason, QObject *context, Callback<Core::SchemaRecommendation> callback) const
{
    QJsonObject body;
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason.left(500));
    return object<Core::SchemaRecommendation>(
        ApiRequest::post(recommendationsPath(databasePath(org, db)) << QString::number(number) << u"dismiss"_s, body,
            u"write_database"_s),
        context, Parsers::readSchemaRecommendation, u"schema_recommendation"_s, std::move(callback));
}

} // namespace Api
