#include "api/passwordparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

namespace {
struct BranchRef
{
    QString name;
    QString id;
    bool production = false;
};
} // namespace

Core::Password readPassword(JsonReader &r)
{
    Core::Password p;
    r.require("id");
    p.id = r.string("id");
    p.name = r.string("name");
    p.role = r.string("role");
    p.username = r.string("username");
    p.plainText = r.string("plain_text");
    p.accessHostUrl = r.string("access_host_url");
    p.accessHostRegionalUrl = r.string("access_host_regional_url");
    p.accessHostRegionalUrls = r.stringList("access_host_regional_urls");
    p.directVtgateAddresses = r.stringList("direct_vtgate_addresses");
    p.cidrs = r.stringList("cidrs");
    const auto branch = r.object<BranchRef>("database_branch", [](JsonReader &c) {
        return BranchRef { c.string("name"), c.string("id"), c.boolean("production") };
    });
    if (branch) {
        p.branchName = branch->name;
        p.branchId = branch->id;
        p.branchProduction = branch->production;
    }
    p.region = r.object<Core::Region>("region", readRegion).value_or(Core::Region {});
    p.actor = r.object<Core::Actor>("actor", readActor);
    p.ttlSeconds = r.optionalInteger("ttl_seconds");
    p.replica = r.boolean("replica");
    p.renewable = r.boolean("renewable");
    p.expired = r.boolean("expired");
    p.directVtgate = r.boolean("direct_vtgate");
    p.expiresAt = r.dateTime("expires_at");
    p.lastUsedAt = r.dateTime("last_used_at");
    p.createdAt = r.dateTime("created_at");
    p.deletedAt = r.dateTime("deleted_at");
    return p;
}

Core::Result<Core::Password> parsePassword(const QJsonValue &json)
{
    return readObject<Core::Password>(json, u"password"_s, readPassword);
}

} // namespace Api::Parsers
