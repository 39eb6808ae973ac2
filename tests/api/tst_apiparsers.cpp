// Pure parsers: realistic payloads, nullable and missing fields, every deployment state, wrong types.
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

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

QJsonObject fixture(const char *name)
{
    QFile file(QStringLiteral(API_FIXTURES_DIR "/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonValue json(const QByteArray &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

using Parse = std::function<Core::Error(const QJsonValue &)>;

template<typename T> Parse errorOf(Core::Result<T> (*parse)(const QJsonValue &))
{
    return [parse](const QJsonValue &v) {
        const Core::Result<T> r = parse(v);
        return r.ok() ? Core::Error {} : r.error();
    };
}

} // namespace

Q_DECLARE_METATYPE(Parse)

class TestApiParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void organization()
    {
        const auto r = Api::Parsers::parseOrganization(fixture("organization.json"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->name, u"acme"_s);
        QCOMPARE(r->databaseCount, 7); // sent as 7.0
        QCOMPARE(r->keyspaceShardLimit, 32);
        QVERIFY(!r->hasPastDueInvoices.has_value());
        QVERIFY(r->ssoPortalUrl.isNull());
        QVERIFY(r->validBillingInfo);
        QVERIFY(r->hasCard);
        QCOMPARE(r->invoiceBudgetAmount, u"0.0"_s);
        QCOMPARE(r->createdAt, QDateTime(QDate(2023, 3, 14), QTime(9, 26, 53, 589), QTimeZone::utc()));
    }

    void database()
    {
        const auto r = Api::Parsers::parseDatabase(fixture("database.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->name, u"app-db"_s);
        QCOMPARE(r->state, u"ready"_s);
        QCOMPARE(r->kind, u"mysql"_s);
        QCOMPARE(r->defaultBranch, u"main"_s);
        QCOMPARE(r->region.slug, u"us-east"_s);
        QCOMPARE(r->region.publicIpAddresses.size(), 2);
        QVERIFY(r->region.currentDefault);
        QVERIFY(!r->region.postgresqlSupported);
        QCOMPARE(r->branchesCount, 4);
        QCOMPARE(r->defaultBranchTableCount, 23);
        QVERIFY(!r->issuesCount.has_value());
        QVERIFY(!r->automaticMigrations.has_value());
        QVERIFY(r->requireApprovalForDeploy);
        QVERIFY(r->foreignKeysEnabled);
        QVERIFY(r->migrationTableName.isEmpty());
        QVERIFY(r->schemaLastUpdatedAt.isValid());
        QVERIFY(r->dataImportState.isEmpty());

        const auto importing = Api::Parsers::parseDatabase(json(
            R"({"name": "d", "state": "importing", "data_import": {"state": "copying", "import_check_errors": "", "data_source": {"hostname": "h", "port": 3306, "database": "x"}}})"));
        QVERIFY(importing.ok());
        QCOMPARE(importing->state, u"importing"_s);
        QCOMPARE(importing->dataImportState, u"copying"_s);
    }

    void branch()
    {
        const auto r = Api::Parsers::parseBranch(fixture("branch.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->name, u"add-orders-index"_s);
        QCOMPARE(r->parentBranch, u"main"_s);
        QCOMPARE(r->state, u"ready"_s);
        QCOMPARE(r->mysqlEdgeAddress, u"aws.connect.psdb.cloud"_s);
        QCOMPARE(r->clusterName, u"PS_DEV"_s);
        QCOMPARE(r->vtgateCount, 2);
        QVERIFY(!r->vtgateMaxCount.has_value());
        QVERIFY(!r->clusterIops.has_value());
        QVERIFY(r->ready);
        QVERIFY(r->schemaReady);
        QVERIFY(!r->production);
        QVERIFY(!r->deletedAt.isValid());
        QVERIFY(r->restoredFromBranch.isEmpty());
        QVERIFY(r->actor.has_value());
        QCOMPARE(r->actor->displayName, u"Ada Lovelace"_s);
        QCOMPARE(r->actor->type, u"User"_s);
        QCOMPARE(r->region.slug, u"us-east"_s);
    }

    void branchMinimalAndRestored()
    {
        // Only the name: every other field is optional for us.
        const auto minimal
            = Api::Parsers::parseBranch(json(R"({"name": "dev", "parent_branch": null, "actor": null})"));
        QVERIFY(minimal.ok());
        QCOMPARE(minimal->name, u"dev"_s);
        QVERIFY(minimal->parentBranch.isEmpty());
        QVERIFY(!minimal->ready);
        QVERIFY(!minimal->actor.has_value());
        QVERIFY(minimal->state.isEmpty());

        const auto restored = Api::Parsers::parseBranch(json(
            R"({"name": "r", "state": "awakening", "restored_from_branch": {"id": "b", "name": "main", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "deleted_at": null}})"));
        QVERIFY(restored.ok());
        QCOMPARE(restored->restoredFromBranch, u"main"_s);
        QCOMPARE(restored->state, u"awakening"_s);

        const auto unknownState = Api::Parsers::parseBranch(json(R"({"name": "x", "state": "hibernating"})"));
        QVERIFY(unknownState.ok());
        QCOMPARE(unknownState->state, u"hibernating"_s); // kept, not rejected

        const auto missingName = Api::Parsers::parseBranch(json(R"({"id": "x"})"));
        QVERIFY(!missingName.ok());
        QCOMPARE(missingName.error().code, u"parse_error"_s);
        QVERIFY(missingName.error().detail.contains(u"branch.name"_s));
    }

    void deployRequest()
    {
        const auto r = Api::Parsers::parseDeployRequest(fixture("deployrequest.json"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->number, 42);
        QCOMPARE(r->state, u"open"_s);
        QCOMPARE(r->deploymentState, Core::DeploymentState::InProgress);
        QCOMPARE(r->branch, u"add-orders-index"_s);
        QCOMPARE(r->intoBranch, u"main"_s);
        QVERIFY(r->approved);
        QCOMPARE(r->numComments, 2);
        QVERIFY(!r->closedBy.has_value());
        QVERIFY(!r->closedAt.isValid());
        QVERIFY(r->deployment.has_value());

        const Core::Deployment &d = *r->deployment;
        QCOMPARE(d.state, Core::DeploymentState::InProgress);
        QCOMPARE(d.deployRequestNumber, 42);
        QVERIFY(d.autoDeleteBranch);
        QVERIFY(d.instantDdlEligible);
        QVERIFY(!d.hasRevertRequest);
        QCOMPARE(d.precedingDeployments.size(), 1);
        QCOMPARE(d.precedingDeployments[0].deployRequestNumber, 41);
        QCOMPARE(d.operations.size(), 2);
        QCOMPARE(d.operations[0].tableName, u"orders"_s);
        QCOMPARE(d.operations[0].etaSeconds.value_or(-1), 12.5);
        QCOMPARE(d.operations[0].progressPercentage.value_or(-1), 63.2);
        QVERIFY(d.operations[0].tableRecentlyUsedAt.isValid());
        QVERIFY(!d.operations[1].etaSeconds.has_value());
        QVERIFY(!d.operations[1].progressPercentage.has_value());
        QVERIFY(d.operations[1].canDropData);
        QCOMPARE(d.operations[1].removedForeignKeyNames, QStringList { u"fk_cart_user"_s });
        QCOMPARE(d.operationSummaries.size(), 1);
        QCOMPARE(d.operationSummaries[0].shardNames, (QStringList { u"-80"_s, u"80-"_s }));
        QCOMPARE(d.operationSummaries[0].operations.size(), 2);
        QCOMPARE(d.operationSummaries[0].operations[1].shard, u"80-"_s);
        QCOMPARE(d.operationSummaries[0].operations[1].progressPercentage.value_or(-1), 26.4);
        QCOMPARE(d.lintErrors.size(), 1);
        QCOMPARE(d.lintErrors[0].lintError, u"NO_UNIQUE_KEY"_s);
    }

    void deployRequestWithoutDeployment()
    {
        const auto r = Api::Parsers::parseDeployRequest(json(
            R"({"number": 3.0, "state": "closed", "deployment_state": "complete", "deployment": null, "closed_by": {"id": "u", "display_name": "Bob", "avatar_url": ""}})"));
        QVERIFY(r.ok());
        QCOMPARE(r->number, 3);
        QVERIFY(!r->deployment.has_value());
        QVERIFY(r->closedBy.has_value());
        QCOMPARE(r->closedBy->displayName, u"Bob"_s);
    }

    void deploymentStates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("expected");
        for (std::size_t i = 0; i < Core::deploymentStateNames.size(); ++i) {
            const QString name = QString::fromUtf16(Core::deploymentStateNames[i]);
            QTest::newRow(qPrintable(name)) << name << int(i);
        }
        QTest::newRow("unknown: complete_reverted") << u"complete_reverted"_s << int(Core::DeploymentState::Unknown);
        QTest::newRow("unknown: empty") << QString() << int(Core::DeploymentState::Unknown);
    }

    void deploymentStates()
    {
        QFETCH(QString, name);
        QFETCH(int, expected);
        QCOMPARE(Core::deploymentStateNames.size(), std::size_t(20));

        QJsonObject dr { { u"number"_s, 1 }, { u"deployment_state"_s, name } };
        const auto request = Api::Parsers::parseDeployRequest(dr);
        QVERIFY(request.ok());
        QCOMPARE(int(request->deploymentState), expected);
        QCOMPARE(request->deploymentStateName, name); // the raw value is kept for display

        const auto deployment = Api::Parsers::parseDeployment(QJsonObject { { u"state"_s, name } });
        QVERIFY(deployment.ok());
        QCOMPARE(int(deployment->state), expected);
        QCOMPARE(deployment->stateName, name);
        if (expected != int(Core::DeploymentState::Unknown))
            QCOMPARE(Core::deploymentStateName(deployment->state), name);
    }

    void deploymentStateGroups()
    {
        using S = Core::DeploymentState;
        QVERIFY(Core::isDeploymentRunning(S::Queued));
        QVERIFY(Core::isDeploymentRunning(S::InProgressRevert));
        QVERIFY(!Core::isDeploymentRunning(S::PendingCutover));
        QVERIFY(Core::isDeploymentSettled(S::CompletePendingRevert));
        QVERIFY(Core::isDeploymentSettled(S::Cancelled));
        QVERIFY(!Core::isDeploymentSettled(S::Unknown));
    }

    void review()
    {
        const auto r = Api::Parsers::parseReview(fixture("review.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->state, u"approved"_s);
        QCOMPARE(r->body, u"Looks good, ship it"_s);
        QCOMPARE(r->actor->displayName, u"Grace Hopper"_s);
        const auto commented
            = Api::Parsers::parseReview(json(R"({"state": "commented", "body": "why?", "actor": null})"));
        QVERIFY(commented.ok());
        QCOMPARE(commented->state, u"commented"_s);
        QVERIFY(!commented->actor.has_value());
    }

    void password()
    {
        const auto r = Api::Parsers::parsePassword(fixture("password.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->role, u"readwriter"_s);
        QCOMPARE(r->username, u"v3k9s0d8f7g6"_s);
        QCOMPARE(r->plainText, u"pscale_pw_NotARealSecret0123456789"_s);
        QCOMPARE(r->accessHostUrl, u"aws.connect.psdb.cloud"_s);
        QCOMPARE(r->ttlSeconds.value_or(-1), 3600);
        QVERIFY(r->renewable);
        QCOMPARE(r->cidrs, QStringList { u"10.0.0.0/8"_s });
        QCOMPARE(r->branchName, u"main"_s);
        QVERIFY(r->branchProduction);
        QVERIFY(r->expiresAt.isValid());
        QVERIFY(!r->lastUsedAt.isValid());

        // A listed password: plain_text null, no TTL.
        const auto listed = Api::Parsers::parsePassword(
            json(R"({"id": "pw2", "role": "reader", "plain_text": null, "ttl_seconds": null, "expires_at": null})"));
        QVERIFY(listed.ok());
        QVERIFY(listed->plainText.isEmpty());
        QVERIFY(!listed->ttlSeconds.has_value());
    }

    void backup()
    {
        const auto r = Api::Parsers::parseBackup(fixture("backup.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->state, u"success"_s);
        QCOMPARE(r->size, 73400320);
        QCOMPARE(r->pvcSize, Q_INT64_C(10737418240));
        QCOMPARE(r->estimatedStorageCost, 0.0345);
        QCOMPARE(r->policyName, u"Every 12 hours"_s);
        QCOMPARE(r->branchName, u"main"_s);
        QVERIFY(r->required);
        QVERIFY(!r->actor.has_value());
        QVERIFY(r->completedAt.isValid());
        const auto canceled
            = Api::Parsers::parseBackup(json(R"({"id": "b", "state": "canceled", "backup_policy": null})"));
        QVERIFY(canceled.ok());
        QCOMPARE(canceled->state, u"canceled"_s);
        QVERIFY(canceled->policyName.isEmpty());
        QVERIFY(r->restoredBranches.isEmpty());
        // A backup restored into branches names them (get_backup's restored_branches).
        const auto restored = Api::Parsers::parseBackup(
            json(R"({"id": "b", "state": "running", "size": 10, "restored_branches": [{"id": "br1", "name": "copy",)"
                 R"( "created_at": "2026-12-02T17:00:00.000Z", "updated_at": "2026-12-02T17:00:00.000Z",)"
                 R"( "deleted_at": null}, {"id": "br2", "name": "seed"}]})"));
        QVERIFY(restored.ok());
        QCOMPARE(restored->state, u"running"_s);
        QCOMPARE(restored->restoredBranches, (QStringList { u"copy"_s, u"seed"_s }));
        const auto none = Api::Parsers::parseBackup(json(R"({"id": "b", "restored_branches": null})"));
        QVERIFY(none.ok());
        QVERIFY(none->restoredBranches.isEmpty());
    }

    void keyspace()
    {
        const auto r = Api::Parsers::parseKeyspace(fixture("keyspace.json"));
        QVERIFY(r.ok());
        QCOMPARE(r->shards, 2);
        QVERIFY(r->isDefault);
        QVERIFY(r->sharded);
        QCOMPARE(r->clusterDisplayName, u"PS-40"_s);
        QCOMPARE(r->replicationDurabilityStrategy, u"available"_s);
        QCOMPARE(r->nodeTtlStrategy, u"node_ttl_follow_maintenance"_s);
        QVERIFY(!r->vectorPoolAllocation.has_value());
    }

    void schemaAndLint()
    {
        const auto schema = Api::Parsers::parseTableDdlList(fixture("schema.json"));
        QVERIFY(schema.ok());
        QCOMPARE(schema->size(), 2);
        QCOMPARE(schema->at(0).name, u"orders"_s);
        QVERIFY(schema->at(0).raw.startsWith(u"CREATE TABLE `orders`"_s));

        const auto page = Api::Parsers::parsePage(fixture("lint.json"));
        QVERIFY(page.ok());
        QVERIFY(!page->nextPage.has_value());
        QVERIFY(!page->totalCount.has_value());
        const auto lint = Api::Parsers::parseItems<Core::LintError>(page->data, u"lint"_s, Api::Parsers::readLintError);
        QVERIFY(lint.ok());
        QCOMPARE(lint->size(), 1);
        QCOMPARE(lint->at(0).tableName, u"events"_s);
        QCOMPARE(lint->at(0).autoIncrementColumnNames, QStringList { u"id"_s });
    }

    void schemaRecommendation()
    {
        const auto open = Api::Parsers::parseSchemaRecommendation(json(
            R"({"id": "r1", "title": "Drop redundant index idx_a", "table_name": "orders", "keyspace": "app-db", "ddl_statement": "ALTER TABLE `orders` DROP INDEX `idx_a`", "number": 3, "state": "open", "recommendation_type": "duplicate_index", "created_at": "2026-12-01T10:00:00.000Z", "updated_at": "2026-12-01T10:00:00.000Z", "applied_at": null, "dismissed_at": null, "closed_by_deploy_request": null, "dismissed_by": null})"));
        QVERIFY2(open.ok(), qPrintable(open.ok() ? QString() : open.error().toString()));
        QCOMPARE(open->number, 3);
        QCOMPARE(open->tableName, u"orders"_s);
        QCOMPARE(open->ddlStatement, u"ALTER TABLE `orders` DROP INDEX `idx_a`"_s);
        QCOMPARE(open->recommendationType, u"duplicate_index"_s);
        QVERIFY(open->isOpen());
        QVERIFY(!open->closedByDeployRequest.has_value());
        QVERIFY(!open->appliedAt.isValid());
        QCOMPARE(open->createdAt, QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()));

        const auto applied = Api::Parsers::parseSchemaRecommendation(json(
            R"({"id": "r2", "number": 4, "state": "applied", "recommendation_type": "sequence_overflow", "applied_at": "2026-12-02T08:00:00Z", "closed_by_deploy_request": {"id": "dr9", "branch_id": "b7", "number": 12}, "dismissed_by": {"id": "u", "display_name": "Ada", "avatar_url": ""}})"));
        QVERIFY(applied.ok());
        QVERIFY(!applied->isOpen());
        QVERIFY(applied->closedByDeployRequest.has_value());
        QCOMPARE(applied->closedByDeployRequest->number, 12);
        QCOMPARE(applied->closedByDeployRequest->branchId, u"b7"_s);
        QCOMPARE(applied->dismissedBy, u"Ada"_s);
        QVERIFY(applied->appliedAt.isValid());

        const auto noNumber = Api::Parsers::parseSchemaRecommendation(json(R"({"id": "r", "state": "open"})"));
        QVERIFY(!noNumber.ok());
        QVERIFY2(
            noNumber.error().detail.contains(u"schema_recommendation.number"_s), qPrintable(noNumber.error().detail));

        const auto closingWithoutNumber = Api::Parsers::parseSchemaRecommendation(
            json(R"({"number": 1, "state": "applied", "closed_by_deploy_request": {"id": "dr"}})"));
        QVERIFY(!closingWithoutNumber.ok());
        QVERIFY(closingWithoutNumber.error().detail.contains(u"closed_by_deploy_request.number"_s));
    }

    void page()
    {
        const auto p = Api::Parsers::parsePage(json(
            R"({"type": "list", "current_page": 2, "next_page": 3, "next_page_url": "x", "prev_page": 1, "total_count": 250, "total_pages": 3, "data": [{"name": "a"}]})"));
        QVERIFY(p.ok());
        QCOMPARE(p->currentPage, 2);
        QCOMPARE(p->nextPage.value_or(-1), 3);
        QCOMPARE(p->totalCount.value_or(-1), 250);
        QCOMPARE(p->data.size(), 1);

        const auto noData = Api::Parsers::parsePage(json(R"({"type": "list", "next_page": null})"));
        QVERIFY(!noData.ok());
        QVERIFY(noData.error().detail.contains(u"page.data"_s));

        const auto wrongData = Api::Parsers::parsePage(json(R"({"data": {"name": "a"}})"));
        QVERIFY(!wrongData.ok());
        QVERIFY(wrongData.error().detail.contains(u"expected an array"_s));

        const auto items = Api::Parsers::parseItems<Core::Branch>(
            json(R"([{"name": "a"}, {"name": 5}])").toArray(), u"branches"_s, Api::Parsers::readBranch);
        QVERIFY(!items.ok());
        QVERIFY2(items.error().detail.contains(u"branches[1].name"_s), qPrintable(items.error().detail));
    }

    void wrongTypes_data()
    {
        QTest::addColumn<Parse>("parse");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");

        QTest::newRow("branch.ready as string")
            << errorOf(Api::Parsers::parseBranch) << QByteArray(R"({"name": "b", "ready": "yes"})")
            << u"'branch.ready'"_s << u"a boolean"_s;
        QTest::newRow("organization date")
            << errorOf(Api::Parsers::parseOrganization) << QByteArray(R"({"name": "o", "created_at": "yesterday"})")
            << u"'organization.created_at'"_s << u"ISO 8601"_s;
        QTest::newRow("database.region as string")
            << errorOf(Api::Parsers::parseDatabase) << QByteArray(R"({"name": "d", "region": "us-east"})")
            << u"'database.region'"_s << u"an object"_s;
        QTest::newRow("nested progress as string")
            << errorOf(Api::Parsers::parseDeployRequest)
            << QByteArray(
                   R"({"number": 1, "deployment": {"deploy_operations": [{"id": "a"}, {"progress_percentage": "63%"}]}})")
            << u"'deploy_request.deployment.deploy_operations[1].progress_percentage'"_s << u"a number"_s;
        QTest::newRow("password cidrs item")
            << errorOf(Api::Parsers::parsePassword) << QByteArray(R"({"id": "p", "cidrs": [10]})")
            << u"'password.cidrs[0]'"_s << u"a string"_s;
        QTest::newRow("backup.size as string")
            << errorOf(Api::Parsers::parseBackup) << QByteArray(R"({"id": "b", "size": "big"})") << u"'backup.size'"_s
            << u"a number"_s;
        QTest::newRow("backup.restored_branches as object")
            << errorOf(Api::Parsers::parseBackup) << QByteArray(R"({"id": "b", "restored_branches": {"name": "x"}})")
            << u"'backup.restored_branches'"_s << u"an array"_s;
        QTest::newRow("backup restored branch name as number")
            << errorOf(Api::Parsers::parseBackup) << QByteArray(R"({"id": "b", "restored_branches": [{"name": 3}]})")
            << u"'backup.restored_branches[0].name'"_s << u"a string"_s;
        QTest::newRow("backup without id") << errorOf(Api::Parsers::parseBackup)
                                           << QByteArray(R"({"state": "success"})") << u"'backup.id'"_s << u"missing"_s;
        QTest::newRow("review.actor as number") << errorOf(Api::Parsers::parseReview) << QByteArray(R"({"actor": 5})")
                                                << u"'review.actor'"_s << u"an object"_s;
        QTest::newRow("keyspace.shards as bool")
            << errorOf(Api::Parsers::parseKeyspace) << QByteArray(R"({"name": "k", "shards": true})")
            << u"'keyspace.shards'"_s << u"a number"_s;
        QTest::newRow("deployment.state as number")
            << errorOf(Api::Parsers::parseDeployment) << QByteArray(R"({"state": 3})") << u"'deployment.state'"_s
            << u"a string"_s;
        QTest::newRow("deploy request number as string")
            << errorOf(Api::Parsers::parseDeployRequest) << QByteArray(R"({"number": "42"})")
            << u"'deploy_request.number'"_s << u"a number"_s;
        QTest::newRow("recommendation number as string")
            << errorOf(Api::Parsers::parseSchemaRecommendation) << QByteArray(R"({"number": "3", "state": "open"})")
            << u"'schema_recommendation.number'"_s << u"a number"_s;
        QTest::newRow("recommendation ddl as array")
            << errorOf(Api::Parsers::parseSchemaRecommendation)
            << QByteArray(R"({"number": 3, "state": "open", "ddl_statement": ["ALTER"]})")
            << u"'schema_recommendation.ddl_statement'"_s << u"a string"_s;
        QTest::newRow("recommendation closing request as string")
            << errorOf(Api::Parsers::parseSchemaRecommendation)
            << QByteArray(R"({"number": 3, "state": "applied", "closed_by_deploy_request": "dr-12"})")
            << u"'schema_recommendation.closed_by_deploy_request'"_s << u"an object"_s;
        QTest::newRow("top level array") << errorOf(Api::Parsers::parseBranch) << QByteArray(R"([{"name": "b"}])")
                                         << u"branch"_s << u"expected an object"_s;
    }

    void wrongTypes()
    {
        QFETCH(Parse, parse);
        QFETCH(QByteArray, payload);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const Core::Error error = parse(json(payload));
        QCOMPARE(error.code, u"parse_error"_s);
        QVERIFY2(error.detail.contains(field), qPrintable(error.detail));
        QVERIFY2(error.detail.contains(expected), qPrintable(error.detail));
        QVERIFY(!error.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiParsers)
#include "tst_apiparsers.moc"
