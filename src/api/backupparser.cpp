#include "api/backupparser.h"

#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Backup readBackup(JsonReader &r)
{
    Core::Backup b;
    r.require("id");
    b.id = r.string("id");
    b.name = r.string("name");
    b.state = r.string("state");
    b.policyName = r.object<QString>("backup_policy", [](JsonReader &c) {
                        const QString display = c.string("display_name");
                        const QString name = c.string("name");
                        return display.isEmpty() ? name : display;
                    }).value_or(QString());
    b.branchName
        = r.object<QString>("database_branch", [](JsonReader &c) { return c.string("name"); }).value_or(QString());
    b.size = r.integer("size");
    b.uncompressedSize = r.integer("uncompressed_size");
    b.pvcSize = r.integer("pvc_size");
    b.estimatedStorageCost = r.number("estimated_storage_cost");
    b.isProtected = r.boolean("protected");
    b.required = r.boolean("required");
    for (const QString &name : r.list<QString>("restored_branches", [](JsonReader &c) { return c.string("name"); }))
        b.restoredBranches << name;
    b.actor = r.object<Core::Actor>("actor", readActor);
    b.createdAt = r.dateTime("created_at");
    b.updatedAt = r.dateTime("updated_at");
    b.startedAt = r.dateTime("started_at");
    b.completedAt = r.dateTime("completed_at");
    b.expiresAt = r.dateTime("expires_at");
    b.deletedAt = r.dateTime("deleted_at");
    return b;
}

Core::Result<Core::Backup> parseBackup(const QJsonValue &json)
{
    return readObject<Core::Backup>(json, u"backup"_s, readBackup);
}

} // namespace Api::Parsers
