#include "api/commonparsers.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Actor readActor(JsonReader &r)
{
    Core::Actor a;
    a.id = r.string("id");
    a.displayName = r.string("display_name");
    a.avatarUrl = r.string("avatar_url");
    a.type = r.string("type");
    return a;
}

Core::Region readRegion(JsonReader &r)
{
    Core::Region region;
    region.id = r.string("id");
    region.slug = r.string("slug");
    region.displayName = r.string("display_name");
    region.provider = r.string("provider");
    region.location = r.string("location");
    region.publicIpAddresses = r.stringList("public_ip_addresses");
    region.enabled = r.boolean("enabled");
    region.currentDefault = r.boolean("current_default");
    region.mysqlSupported = r.boolean("mysql_supported");
    region.postgresqlSupported = r.boolean("postgresql_supported");
    return region;
}

Core::TableDdl readTableDdl(JsonReader &r)
{
    return Core::TableDdl { r.string("name"), r.string("raw"), r.string("html") };
}

Core::LintError readLintError(JsonReader &r)
{
    Core::LintError e;
    e.lintError = r.string("lint_error");
    e.subjectType = r.string("subject_type");
    e.keyspaceName = r.string("keyspace_name");
    e.tableName = r.string("table_name");
    e.columnName = r.string("column_name");
    e.errorDescription = r.string("error_description");
    e.docsUrl = r.string("docs_url");
    e.foreignKeyColumnNames = r.stringList("foreign_key_column_names");
    e.autoIncrementColumnNames = r.stringList("auto_increment_column_names");
    e.charsetName = r.string("charset_name");
    e.engineName = r.string("engine_name");
    return e;
}

Core::Result<Page> parsePage(const QJsonValue &json)
{
    return readObject<Page>(json, u"page"_s, [](JsonReader &r) {
        Page page;
        page.currentPage = r.optionalInteger("current_page").value_or(1);
        page.nextPage = r.optionalInteger("next_page");
        page.totalCount = r.optionalInteger("total_count");
        page.totalPages = r.optionalInteger("total_pages");
        r.require("data");
        page.data = r.array("data");
        return page;
    });
}

Core::Result<QList<Core::TableDdl>> parseTableDdlList(const QJsonValue &json)
{
    return readObject<QList<Core::TableDdl>>(
        json, u"schema"_s, [](JsonReader &r) { return r.list<Core::TableDdl>("data", readTableDdl); });
}

} // namespace Api::Parsers
