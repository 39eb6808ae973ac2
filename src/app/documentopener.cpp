#include "app/documentopener.h"

#include "api/apiclient.h"
#include "api/branchesresource.h"
#include "api/deployrequestsresource.h"
#include "api/insightsresource.h"
#include "app/tablerowcounter.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchcomparisonview.h"
#include "ui/branches/branchschemaview.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/deployrequests/deployqueueview.h"
#include "ui/deployrequests/deployrequestdetail.h"
#include "ui/deployrequests/deployrequestpanel.h"
#include "ui/deployrequests/deployrequestsummary.h"
#include "ui/deployrequests/schemarecommendationsview.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace App {

DocumentOpener::DocumentOpener(Ui::MainWindow *window, Api::ApiClient *client, Ui::BranchBrowser *browser,
    Ui::DeployRequestPanel *deploys, TableRowCounter *rows, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_client(client)
    , m_browser(browser)
    , m_deploys(deploys)
    , m_rows(rows)
{
    // The list follows the documents, the documents follow the database's approval rule.
    connect(m_deploys, &Ui::DeployRequestPanel::approvalRequiredChanged, this,
        [this](const QString &org, const QString &database, bool required) {
            for (auto *doc : m_window->documents()->documentsOf<Ui::DeployRequestDetail>()) {
                if (doc->organization() == org && doc->database() == database)
                    doc->setApprovalRequired(required);
            }
        });
    // The navigator shows the focused document's database, a request's row selected, however the document
    // was opened (the list, --open, a restored session, quick open): never #1 in the centre beside an
    // empty list.
    connect(m_window->documents(), &Ui::DocumentArea::currentChanged, this, [this](QWidget *document) {
        const QString key = m_window->documents()->keyOf(document);
        const QString kind = key.section(u':', 0, 0);
        const QStringList parts = key.section(u':', 1).split(u'/');
        if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
            return;
        bool ok = false;
        const qint64 number = parts[2].toLongLong(&ok);
        if (kind == u"deploy-request"_s && ok)
            m_deploys->showDeployRequest(parts[0], parts[1], number);
        else if (kind == u"schema"_s || kind == u"compare"_s)
            m_deploys->setDatabase(parts[0], parts[1]);
    });
}

QString DocumentOpener::deployRequestKey(const QString &org, const QString &database, qint64 number)
{
    return u"deploy-request:%1/%2/%3"_s.arg(org, database).arg(number);
}

QString DocumentOpener::schemaKey(const QString &org, const QString &database, const QString &branch)
{
    return u"schema:%1/%2/%3"_s.arg(org, database, branch);
}

QString DocumentOpener::comparisonKey(
    const QString &org, const QString &database, const QString &base, const QString &head)
{
    return u"compare:%1/%2/%3...%4"_s.arg(org, database, base, head);
}

QWidget *DocumentOpener::open(const QString &key)
{
    const QString kind = key.section(u':', 0, 0);
    const QStringList parts = key.section(u':', 1).split(u'/');
    if (kind == u"deploy-queue"_s)
        return parts.size() == 2 && !parts.contains(QString()) ? openDeployQueue(parts[0], parts[1]) : nullptr;
    if (kind == u"recommendations"_s)
        return parts.size() == 2 && !parts.contains(QString()) ? openRecommendations(parts[0], parts[1]) : nullptr;
    if (parts.size() != 3 || parts.contains(QString()))
        return nullptr;
    if (kind == u"deploy-request"_s) {
        bool ok = false;
        const qint64 number = parts[2].toLongLong(&ok);
        return ok ? openDeployRequest(parts[0], parts[1], number) : nullptr;
    }
    if (kind == u"schema"_s)
        return openSchema(parts[0], parts[1], parts[2]);
    if (const auto opener = m_branchDocuments.constFind(kind); opener != m_branchDocuments.cend())
        return (*opener)(parts[0], parts[1], parts[2]);
    if (kind == u"compare"_s) {
        const QStringList sides = parts[2].split(u"..."_s);
        return sides.size() == 2 ? openComparison(parts[0], parts[1], sides[0], sides[1]) : nullptr;
    }
    return nullptr;
}

Ui::DeployRequestDetail *DocumentOpener::makeDeployRequest(const QString &org, const QString &database)
{
    auto *doc = new Ui::DeployRequestDetail(m_client);
    if (m_fastPollMs > 0)
        doc->setPollIntervals(std::chrono::milliseconds(m_fastPollMs), std::chrono::milliseconds(m_slowPollMs));
    if (m_deploys->organization() == org && m_deploys->database() == database)
        doc->setApprovalRequired(m_deploys->approvalRequired());
    connect(doc, &Ui::DeployRequestDetail::deployRequestChanged, m_deploys,
        [this, org, database](const Core::DeployRequest &request) {
            if (m_deploys->organization() == org && m_deploys->database() == database)
                m_deploys->updateRequest(request);
        });
    connect(doc, &Ui::DeployRequestDetail::rowCountsNeeded, this,
        [this, doc](const QString &o, const QString &db, const QString &branch, const QStringList &tables) {
            m_rows->count(BranchRef { o, db, branch, false }, tables, doc, [doc](auto counts) {
                if (counts.ok())
                    doc->summary()->setRowCounts(counts->rows, counts->estimated);
                else
                    doc->summary()->setRowCountError(counts.error().message);
            });
            showAffectedPatterns(doc, o, db, branch, tables);
        });
    return doc;
}

Ui::DeployRequestDetail *DocumentOpener::openDeployRequest(
    const QString &org, const QString &database, const Core::DeployRequest &request)
{
    const QString key = deployRequestKey(org, database, request.number);
    auto *doc = qobject_cast<Ui::DeployRequestDetail *>(m_window->documents()->open(key, [&] {
        Ui::DeployRequestDetail *made = makeDeployRequest(org, database);
        made->setDeployRequest(org, database, request);
        return made;
    }));
    return doc;
}

Ui::DeployRequestDetail *DocumentOpener::openDeployRequest(const QString &org, const QString &database, qint64 number)
{
    const QString key = deployRequestKey(org, database, number);
    if (auto *open = qobject_cast<Ui::DeployRequestDetail *>(m_window->documents()->document(key))) {
        m_window->documents()->focus(open);
        return open;
    }
    Ui::DeployRequestDetail *doc = makeDeployRequest(org, database);
    doc->setWindowTitle(tr("#%1").arg(number));
    m_window->documents()->add(doc, key);
    QPointer<Ui::DeployRequestDetail> guard(doc);
    Api::DeployRequestsResource(m_client).get(
        org, database, number, doc, [guard, org, database, number](Api::ApiResult<Core::DeployRequest> r) {
            if (!guard)
                return;
            if (r)
                guard->setDeployRequest(org, database, r.value());
            else
                guard->showLoadError(
                    tr("Could not load deploy request #%1 of %2: %3").arg(number).arg(database, r.error().userText));
        });
    return doc;
}

Ui::DeployQueueView *DocumentOpener::openDeployQueue(const QString &org, const QString &database)
{
    return qobject_cast<Ui::DeployQueueView *>(
        m_window->documents()->open(Ui::DeployQueueView::keyFor(org, database), [this, org, database] {
            auto *made = new Ui::DeployQueueView(m_client, org, database);
            connect(made, &Ui::DeployQueueView::deployRequestActivated, this,
                [this](const QString &o, const QString &db, qint64 number) { openDeployRequest(o, db, number); });
            return made;
        }));
}

Ui::SchemaRecommendationsView *DocumentOpener::openRecommendations(const QString &org, const QString &database)
{
    return qobject_cast<Ui::SchemaRecommendationsView *>(
        m_window->documents()->open(Ui::SchemaRecommendationsView::keyFor(org, database), [this, org, database] {
            auto *made = new Ui::SchemaRecommendationsView(m_client, org, database);
            if (m_runDdl) {
                made->setDdlRunner([this, org, database](const QString &branch, const QString &ddl, auto done) {
                    m_runDdl(org, database, branch, ddl, std::move(done));
                });
            }
            connect(made, &Ui::SchemaRecommendationsView::deployRequestCreated, this,
                [this](const QString &o, const QString &db, const Core::DeployRequest &request) {
                    openDeployRequest(o, db, request);
                });
            // The new branch shows in the tree.
            connect(made, &Ui::SchemaRecommendationsView::branchPrepared, m_browser,
                [this, org, database] { m_browser->model()->reloadDatabase(org, database); });
            // The panel's badge follows what the document last saw.
            connect(made, &Ui::SchemaRecommendationsView::loaded, m_deploys, [this, made] {
                m_deploys->setOpenRecommendations(made->organization(), made->database(), made->openCount());
            });
            made->reload();
            return made;
        }));
}

QStringList DocumentOpener::branchNames(const QString &org, const QString &database) const
{
    QStringList names;
    for (const Core::Branch &b : m_browser->model()->branches(org, database))
        names << b.name;
    return names;
}

Ui::BranchSchemaView *DocumentOpener::openSchema(
    const QString &org, const QString &database, const QString &branch, const QString &table)
{
    auto *doc = qobject_cast<Ui::BranchSchemaView *>(
        m_window->documents()->open(schemaKey(org, database, branch), [this, org, database, branch] {
            auto *made = new Ui::BranchSchemaView(m_client);
            made->setWindowTitle(branch);
            connect(made, &Ui::BranchSchemaView::comparisonRequested, this,
                [this](const QString &o, const QString &db, const QString &base, const QString &head) {
                    openComparison(o, db, base, head);
                });
            connect(made, &Ui::BranchSchemaView::sqlEditorRequested, this, &DocumentOpener::sqlEditorRequested);
            connect(made, &Ui::BranchSchemaView::deployRequestRequested, this,
                &DocumentOpener::deployRequestCreationRequested);
            connect(m_browser, &Ui::BranchBrowser::schemaRefreshed, made,
                [made, org, database, branch](const QString &o, const QString &db, const QString &b) {
                    if (o == org && db == database && b == branch)
                        made->reload();
                });
            // The branch as the tree knows it, or as the API says when the tree has not loaded it.
            const QList<Core::Branch> known = m_browser->model()->branches(org, database);
            const auto it
                = std::find_if(known.cbegin(), known.cend(), [&](const Core::Branch &b) { return b.name == branch; });
            if (it != known.cend()) {
                made->setBranch(org, database, *it, branchNames(org, database));
            } else {
                QPointer<Ui::BranchSchemaView> guard(made);
                Api::BranchesResource(m_client).get(
                    org, database, branch, made, [guard, org, database](Api::ApiResult<Core::Branch> r) {
                        if (guard && r)
                            guard->setBranch(org, database, r.value(), {});
                    });
            }
            return made;
        }));
    if (doc && !table.isEmpty() && !doc->selectTable(table)) {
        QPointer<Ui::BranchSchemaView> guard(doc);
        connect(
            doc, &Ui::BranchSchemaView::schemaLoaded, doc,
            [guard, table] {
                if (guard)
                    guard->selectTable(table);
            },
            Qt::SingleShotConnection);
    }
    return doc;
}

Ui::BranchComparisonView *DocumentOpener::openComparison(
    const QString &org, const QString &database, const QString &base, const QString &head)
{
    return qobject_cast<Ui::BranchComparisonView *>(
        m_window->documents()->open(comparisonKey(org, database, base, head), [this, org, database, base, head] {
            auto *made = new Ui::BranchComparisonView(m_client);
            connect(made, &Ui::BranchComparisonView::deployRequestRequested, this,
                &DocumentOpener::deployRequestCreationRequested);
            connect(made, &Ui::BranchComparisonView::sidesChanged, this,
                [this, made, org, database](const QString &b, const QString &h) {
                    m_window->documents()->rekey(made, comparisonKey(org, database, b, h));
                });
            made->compare(org, database, base, head, branchNames(org, database));
            return made;
        }));
}

QStringList DocumentOpener::openKeys() const
{
    QStringList keys;
    for (QWidget *doc : m_window->documents()->documents()) {
        const QString key = m_window->documents()->keyOf(doc);
        const QString kind = key.section(u':', 0, 0);
        if (kind == u"deploy-request"_s || kind == u"schema"_s || kind == u"compare"_s || kind == u"deploy-queue"_s
            || m_branchDocuments.contains(kind))
            keys << key;
    }
    return keys;
}

void DocumentOpener::setPollIntervals(int fastMs, int slowMs)
{
    m_fastPollMs = fastMs;
    m_slowPollMs = slowMs;
}

void DocumentOpener::showAffectedPatterns(Ui::DeployRequestDetail *doc, const QString &org, const QString &database,
    const QString &branch, const QStringList &tables)
{
    if (!m_client)
        return;
    Api::InsightsResource insights(m_client);
    insights.listQueries(
        org, database, branch, {}, doc, [doc, tables](Api::ApiResult<QList<Core::QueryPattern>> patterns) {
            // Without Insights (not enabled, no access) the section stays away: it is a hint, not a check.
            if (!patterns.ok())
                return doc->summary()->setAffectedPatterns({});
            QList<Core::QueryPattern> using_;
            for (const Core::QueryPattern &p : patterns.value()) {
                const bool touches = std::any_of(p.tables.begin(), p.tables.end(),
                    [&tables](const QString &t) { return tables.contains(t, Qt::CaseInsensitive); });
                if (touches)
                    using_ << p;
            }
            std::sort(using_.begin(), using_.end(), [](const Core::QueryPattern &a, const Core::QueryPattern &b) {
                return a.totalDurationMs > b.totalDurationMs;
            });
            doc->summary()->setAffectedPatterns(
                using_, using_.isEmpty() ? tr("No query pattern in Query Insights uses these tables.") : QString());
        });
}

} // namespace App
