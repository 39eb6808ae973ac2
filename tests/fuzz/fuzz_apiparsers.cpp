// Api::Parsers on arbitrary JSON: every parser answers with a value or an error naming what is wrong,
// never a crash, whatever the shape (objects, arrays, wrong types, huge numbers, deep nesting).

#include "api/backupparser.h"
#include "api/branchparser.h"
#include "api/commonparsers.h"
#include "api/databaseparser.h"
#include "api/deploymentparser.h"
#include "api/deployrequestparser.h"
#include "api/organizationparser.h"
#include "api/passwordparser.h"
#include "api/reviewparser.h"
#include "api/schemarecommendationparser.h"
#include "fuzzcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

namespace {

template<typename T> void check(const Core::Result<T> &result, const char *parser)
{
    if (!result)
        FUZZ_CHECK(!result.error().message.isEmpty(), "%s failed without a message", parser);
}

// Every parser over one value.
void parseAll(const QJsonValue &value)
{
    using namespace Api::Parsers;
    check(parseOrganization(value), "organization");
    check(parseDatabase(value), "database");
    check(parseBranch(value), "branch");
    check(parseKeyspace(value), "keyspace");
    check(parseDeployRequest(value), "deploy request");
    check(parseDeployment(value), "deployment");
    check(parseDeployOperation(value), "deploy operation");
    check(parsePassword(value), "password");
    check(parseBackup(value), "backup");
    check(parseReview(value), "review");
    check(parseSchemaRecommendation(value), "schema recommendation");
    check(parseTableDdlList(value), "table ddl list");
    const Core::Result<Api::Page> page = parsePage(value);
    check(page, "page");
    if (page) {
        check(parseItems<Core::Branch>(page->data, QStringLiteral("data"), readBranch), "branch items");
        check(parseItems<Core::DeployRequest>(page->data, QStringLiteral("data"), readDeployRequest),
            "deploy request items");
        check(parseItems<Core::SchemaRecommendation>(page->data, QStringLiteral("data"), readSchemaRecommendation),
            "schema recommendation items");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    const QJsonValue value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    parseAll(value);
    // The same value where the parsers expect it: inside a page envelope, and each item of an array alone.
    parseAll(QJsonObject { { QStringLiteral("type"), QStringLiteral("list") }, { QStringLiteral("current_page"), 1 },
        { QStringLiteral("next_page"), QJsonValue() }, { QStringLiteral("data"), QJsonArray { value } } });
    if (document.isArray()) {
        const QJsonArray items = document.array();
        for (qsizetype i = 0; i < items.size() && i < 8; ++i)
            parseAll(items.at(i));
    }
    return 0;
}
