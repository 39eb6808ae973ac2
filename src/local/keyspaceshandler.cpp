#include "local/keyspaceshandler.h"

#include "local/jsonviews.h"
#include "local/schemareader.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Local {

QString KeyspacesHandler::keyspaceName(const Row &branch)
{
    return branch.value(u"database_name"_s);
}

HttpAnswer KeyspacesHandler::handle(const HttpCall &call, const Row &branch, const QString &action)
{
    if (call.method != u"GET"_s)
        return HttpAnswer::notFound();
    const QStringList parts = action.split(u'/');
    if (parts.size() == 1)
        return HttpAnswer::json(listEnvelope(QJsonArray { keyspace(branch) }, call.query));
    if (parts.at(1) != keyspaceName(branch))
        return HttpAnswer::notFound();
    if (parts.size() == 2)
        return HttpAnswer::json(keyspace(branch));
    if (parts.size() == 3 && parts.at(2) == u"vschema"_s)
        return vschema(branch);
    return HttpAnswer::notFound();
}

QJsonObject KeyspacesHandler::keyspace(const Row &branch) const
{
    // Created with the branch; one shard on the sandbox's one server, nothing resizing.
    const QJsonValue created = JsonViews::timestamp(branch.value(u"created_at"_s));
    return { { u"id"_s, QString(branch.value(u"id"_s) + u"-ks"_s) }, { u"name"_s, keyspaceName(branch) },
        { u"shards"_s, 1 }, { u"sharded"_s, false }, { u"replicas"_s, branch.value(u"production"_s) == u"1"_s ? 1 : 0 },
        { u"extra_replicas"_s, 0 }, { u"created_at"_s, created },
        { u"updated_at"_s, JsonViews::timestamp(branch.value(u"updated_at"_s)) }, { u"cluster_name"_s, u"sandbox"_s },
        { u"cluster_display_name"_s, u"Sandbox"_s }, { u"resizing"_s, false }, { u"resize_in_progress"_s, false },
        { u"resize_pending"_s, false }, { u"config_change_in_progress"_s, false }, { u"ready"_s, true },
        { u"metal"_s, false }, { u"default"_s, true }, { u"imported"_s, false },
        { u"vector_pool_allocation"_s, QJsonValue() }, { u"node_ttl_strategy"_s, u"node_ttl_off"_s },
        { u"replication_durability_constraints"_s, QJsonObject { { u"strategy"_s, QJsonValue() } } },
        { u"vreplication_flags"_s,
            QJsonObject { { u"optimize_inserts"_s, false }, { u"allow_no_blob_binlog_row_image"_s, false },
                { u"vplayer_batching"_s, false } } },
        { u"mysqld_options"_s, QJsonObject() }, { u"vttablet_options"_s, QJsonObject() } };
}

HttpAnswer KeyspacesHandler::vschema(const Row &branch)
{
    auto definitions = SchemaReader::definitions(*m_services.session, branch.value(u"schema_name"_s));
    if (!definitions)
        return HttpAnswer::failure(definitions.error());
    // An unsharded keyspace needs no vindexes: every table is listed without any (views are not in a VSchema).
    QJsonObject tables;
    for (const ObjectDefinition &d : *definitions)
        if (!d.isView)
            tables.insert(d.name, QJsonObject());
    const QJsonObject vschema { { u"sharded"_s, false }, { u"tables"_s, tables } };
    return HttpAnswer::json(
        QJsonObject { { u"raw"_s, QString::fromUtf8(QJsonDocument(vschema).toJson(QJsonDocument::Indented)) } });
}

} // namespace Local
