// Poller: fast while changing, slower while idle, stale reports dropped, stops with its receiver.
#include "api/apiclient.h"
#include "api/poller.h"
#include "api/watchers.h"
#include "scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Outcome = Api::Poller::Outcome;

class TestApiPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intervalsFollowActivity()
    {
        QObject receiver;
        auto *poller = new Api::Poller(&receiver);
        poller->setIntervals(10ms, 80ms, 2.0);
        QList<quint64> rounds;
        poller->start([&rounds](quint64 round) { rounds.append(round); });
        QTRY_COMPARE(rounds.size(), 1);

        QVERIFY(poller->report(rounds.last(), Outcome::Unchanged));
        QCOMPARE(poller->currentInterval(), 20ms);
        QTRY_COMPARE(rounds.size(), 2);
        QVERIFY(poller->report(rounds.last(), Outcome::Unchanged));
        QCOMPARE(poller->currentInterval(), 40ms);
        QTRY_COMPARE(rounds.size(), 3);
        QVERIFY(poller->report(rounds.last(), Outcome::Failed));
        QCOMPARE(poller->currentInterval(), 80ms);
        QTRY_COMPARE(rounds.size(), 4);
        QVERIFY(poller->report(rounds.last(), Outcome::Unchanged));
        QCOMPARE(poller->currentInterval(), 80ms); // capped at the slow interval
        QTRY_COMPARE(rounds.size(), 5);
        QVERIFY(poller->report(rounds.last(), Outcome::Changed));
        QCOMPARE(poller->currentInterval(), 10ms); // activity: fast again
        QTRY_COMPARE(rounds.size(), 6);

        QSignalSpy finished(poller, &Api::Poller::finished);
        QVERIFY(poller->report(rounds.last(), Outcome::Finished));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!poller->isRunning());
        QTest::qWait(50);
        QCOMPARE(rounds.size(), 6);
    }

    void staleReportsAreDropped()
    {
        QObject receiver;
        auto *poller = new Api::Poller(&receiver);
        poller->setIntervals(10ms, 50ms);
        QList<quint64> rounds;
        poller->start([&rounds](quint64 round) { rounds.append(round); });
        QTRY_COMPARE(rounds.size(), 1);
        QVERIFY(!poller->report(rounds.last() + 1, Outcome::Finished)); // not the current round
        QVERIFY(poller->isRunning());
        QVERIFY(poller->report(rounds.last(), Outcome::Changed));
        QVERIFY(!poller->report(rounds.last(), Outcome::Finished)); // already reported
        QTRY_COMPARE(rounds.size(), 2);
        poller->stop();
        QVERIFY(!poller->report(rounds.last(), Outcome::Changed)); // after stop
        QTest::qWait(40);
        QCOMPARE(rounds.size(), 2);
    }

    void onlyOneCheckInFlight()
    {
        QObject receiver;
        auto *poller = new Api::Poller(&receiver);
        poller->setIntervals(5ms, 5ms);
        int started = 0;
        poller->start([&started](quint64) { ++started; });
        QTRY_COMPARE(started, 1);
        QTest::qWait(50); // no report: no new round
        QCOMPARE(started, 1);
    }

    void stopsWithReceiverAndDropsLateAnswers()
    {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        int served = 0;
        server.setFallback([&served](const auto &) {
            ++served;
            return ScriptedHttpServer::Response::json(
                200, served < 3 ? R"({"state":"in_progress"})" : R"({"state":"complete"})");
        });
        Api::ApiClient client;
        client.setBaseUrl(server.baseUrl());

        auto *receiver = new QObject;
        auto *poller = new Api::Poller(receiver);
        poller->setIntervals(10ms, 40ms);
        QPointer<Api::Poller> guard(poller);
        QStringList states;
        poller->start([&, poller](quint64 round) {
            client.send(Api::ApiRequest::get({ u"dr"_s }), receiver, [&, poller, round](Api::ApiResult<QJsonValue> r) {
                const QString state = r.ok() ? r.value().toObject().value("state"_L1).toString() : QString();
                states.append(state);
                poller->report(round, state == "complete"_L1 ? Outcome::Finished : Outcome::Changed);
            });
        });
        QSignalSpy finished(poller, &Api::Poller::finished);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(states, (QStringList { u"in_progress"_s, u"in_progress"_s, u"complete"_s }));

        // Start again, then destroy the receiver while a check is in flight.
        server.setFallback([](const auto &) {
            return ScriptedHttpServer::Response::failing(ScriptedHttpServer::Response::Fault::NoAnswer);
        });
        poller->start([&, poller](quint64 round) {
            client.send(Api::ApiRequest::get({ u"dr"_s }), receiver, [&, poller, round](Api::ApiResult<QJsonValue>) {
                states.append(u"late"_s);
                poller->report(round, Outcome::Changed);
            });
        });
        QTRY_COMPARE(server.requestCount(), 4);
        delete receiver;
        QVERIFY(guard.isNull()); // the poller went with its receiver
        QCOMPARE(client.activeRequestCount(), 0);
        QTest::qWait(50);
        QCOMPARE(states.size(), 3);
        QCOMPARE(server.requestCount(), 4);
    }

    void watchesDeployRequestUntilFinal()
    {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        const auto dr = [](const char *state, int progress) {
            const QString name = QString::fromLatin1(state);
            const QJsonObject op { { u"id"_s, u"o"_s }, { u"state"_s, u"x"_s },
                { u"progress_percentage"_s, progress } };
            const QJsonObject deployment { { u"state"_s, name }, { u"deploy_operations"_s, QJsonArray { op } } };
            const QJsonObject body { { u"number"_s, 5 }, { u"state"_s, u"open"_s }, { u"deployment_state"_s, name },
                { u"deployment"_s, deployment } };
            return ScriptedHttpServer::Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
        };
        server.enqueue(dr("queued", 0));
        server.enqueue(dr("queued", 0));
        server.enqueue(dr("in_progress", 40));
        server.enqueue(dr("complete", 100));
        Api::ApiClient client;
        client.setBaseUrl(server.baseUrl());
        QObject receiver;
        QList<Core::DeploymentState> seen;
        QList<qint64> intervals;
        Api::Poller *poller = nullptr;
        poller = Api::watchDeployRequest(Api::DeployRequestsResource(&client), u"acme"_s, u"db"_s, 5, &receiver,
            [&](const Api::ApiResult<Core::DeployRequest> &r) {
                QVERIFY(r.ok());
                seen.append(r->deploymentState);
            });
        poller->setIntervals(10ms, 100ms);
        QSignalSpy finished(poller, &Api::Poller::finished);
        // At the start of each check, the interval chosen after the previous answer.
        QObject::connect(&client, &Api::ApiClient::requestStarted, &receiver,
            [&](Api::RequestId) { intervals.append(poller->currentInterval().count()); });
        QTRY_COMPARE(finished.size(), 1);
        using S = Core::DeploymentState;
        QCOMPARE(seen, (QList<S> { S::Queued, S::Queued, S::InProgress, S::Complete }));
        QCOMPARE(server.requestCount(), 4);
        QCOMPARE(server.requests()[0].path, u"/v1/organizations/acme/databases/db/deploy-requests/5"_s);
        // queued (new) → fast; queued again → slower; in_progress (moved) → fast again.
        QCOMPARE(intervals, (QList<qint64> { 10, 10, 20, 10 }));
        QTest::qWait(50);
        QCOMPARE(server.requestCount(), 4); // stopped at the final state
        QVERIFY(!poller->isRunning());
    }

    void watchesBranchUntilReady()
    {
        ScriptedHttpServer server;
        QVERIFY(server.start());
        server.enqueue(ScriptedHttpServer::Response::json(200, R"({"name":"dev","state":"pending","ready":false})"));
        server.enqueue(ScriptedHttpServer::Response::json(500, R"({"code":"internal"})"));
        server.enqueue(ScriptedHttpServer::Response::json(200, R"({"name":"dev","state":"pending","ready":false})"));
        server.enqueue(ScriptedHttpServer::Response::json(200, R"({"name":"dev","state":"ready","ready":true})"));
        Api::ApiClient client;
        client.setBaseUrl(server.baseUrl());
        QObject receiver;
        int answers = 0;
        int failures = 0;
        Api::Poller *poller = Api::watchBranchUntilReady(Api::BranchesResource(&client), u"acme"_s, u"db"_s, u"dev"_s,
            &receiver, [&](const Api::ApiResult<Core::Branch> &r) {
                ++answers;
                failures += r.ok() ? 0 : 1;
            });
        poller->setIntervals(10ms, 40ms);
        QSignalSpy finished(poller, &Api::Poller::finished);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(answers, 4);
        QCOMPARE(failures, 1); // a failed check does not end the watch
        QCOMPARE(server.requests().last().path, u"/v1/organizations/acme/databases/db/branches/dev"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiPoller)
#include "tst_apipoller.moc"
