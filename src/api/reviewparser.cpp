#include "api/reviewparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Review readReview(JsonReader &r)
{
    Core::Review review;
    review.id = r.string("id");
    review.state = r.string("state");
    review.body = r.string("body");
    review.htmlBody = r.string("html_body");
    review.actor = r.object<Core::Actor>("actor", readActor);
    review.createdAt = r.dateTime("created_at");
    review.updatedAt = r.dateTime("updated_at");
    return review;
}

Core::Result<Core::Review> parseReview(const QJsonValue &json)
{
    return readObject<Core::Review>(json, u"review"_s, readReview);
}

} // namespace Api::Parsers
