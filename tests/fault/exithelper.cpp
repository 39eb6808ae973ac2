// Helper process for tst_fault_pool: holds a pool (through the test's fault proxy) and, when told "go" on
// stdin, leaves main() at a chosen stage — a statement running, a cancel whose control connection is
// connecting, or a connect under way — so the test can time how long the process takes to exit.
//   fault_exit_helper running|cancelled|connecting HOST PORT USER CAFILE DATABASE   (password on stdin)

#include "sql/connectionpool.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7)
        return 2;
    const QString stage = args.at(1);
    std::string password;
    std::getline(std::cin, password);
    Sql::ConnectionOptions options;
    options.host = args.at(2);
    options.port = args.at(3).toUShort();
    options.user = args.at(4);
    options.caFile = args.at(5);
    options.database = args.at(6);
    options.password = QString::fromStdString(password);
    options.connectTimeoutSeconds = 60;

    auto pool = std::make_unique<Sql::ConnectionPool>(options);
    Sql::Lease lease = pool->lease();
    std::unique_ptr<Sql::Run> run;
    const auto statement = [](const QString &sql) {
        Core::SqlStatement s;
        s.text = sql;
        s.end = sql.size();
        return QList<Core::SqlStatement> { s };
    };
    const auto ready = [] {
        std::printf("ready\n");
        std::fflush(stdout);
    };
    if (stage == QLatin1String("connecting")) {
        ready();
    } else {
        run = pool->run(lease, statement(QStringLiteral("SELECT SLEEP(60)")));
        QObject::connect(pool.get(), &Sql::ConnectionPool::connectionOpened, &app,
            [&] { QTimer::singleShot(300, &app, ready); }); // the statement has reached the server
    }

    QSocketNotifier input(0, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        input.setEnabled(false);
        if (stage == QLatin1String("cancelled")) {
            run->cancel(); // the KILL QUERY's control connection goes into the blackhole
            QTimer::singleShot(100, &app, &QCoreApplication::quit);
        } else if (stage == QLatin1String("connecting")) {
            run = pool->run(lease, statement(QStringLiteral("SELECT 1"))); // a connect into the blackhole
            QTimer::singleShot(300, &app, &QCoreApplication::quit);
        } else {
            app.quit();
        }
    });
    const int status = app.exec();
    run.reset();
    pool.reset(); // shutdown: every wait on the network ends, every thread is joined
    return status;
}
