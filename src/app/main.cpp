#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

#include "app/versions.h"
#include "app/workspace.h"
#include "store/connectionurl.h"

#include "ui/common/mainwindow.h"
#include <QMessageBox>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace {

void printVersions()
{
    QTextStream out(stdout);
    for (const auto &[name, version] : App::componentVersions())
        out << name << u": "_s << version << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    // --versions must work without a display (scripts, bug reports over ssh).
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--versions") == 0) {
            QCoreApplication core(argc, argv);
            printVersions();
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"branchdeck"_s);
    QApplication::setApplicationDisplayName(u"Branchdeck"_s);
    QApplication::setOrganizationName(u"Branchdeck"_s);
    QApplication::setApplicationVersion(QStringLiteral(BRANCHDECK_VERSION));
    QApplication::setDesktopFileName(u"io.github.branchdeck.Branchdeck"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Desktop console for branching MySQL"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption versionsOption(u"versions"_s, u"Print library versions and exit."_s);
    const QCommandLineOption smokeOption(
        u"smoke-test"_s, u"Open the main window, report it and quit (used by tests)."_s);
    const QCommandLineOption urlOption(u"url"_s,
        u"Open an SQL tab on this server: mysql://user@host:port/db?ssl-mode=VERIFY_IDENTITY"
        u"&ssl-ca=FILE. The password is read from MYSQL_PWD."_s,
        u"url"_s);
    const QCommandLineOption branchOption(u"open-branch"_s,
        u"After signing in, open an SQL tab on ORG/DATABASE/BRANCH with a "
        u"reader password."_s,
        u"org/database/branch"_s);
    parser.addOptions({ versionsOption, smokeOption, urlOption, branchOption });
    parser.process(app);

    if (parser.isSet(versionsOption)) {
        printVersions();
        return 0;
    }

    QApplication::setStyle(u"Fusion"_s);
    Ui::MainWindow window(App::componentVersions());
    App::Workspace workspace(&window);
    window.show();

    if (parser.isSet(urlOption)) {
        auto parsed = Store::ConnectionUrl::parse(parser.value(urlOption));
        if (!parsed.ok()) {
            QMessageBox::critical(&window, u"Branchdeck"_s, parsed.error().toString());
        } else {
            // The password comes from the environment, never from the command line (visible in ps).
            const QString password = parsed->password.isEmpty()
                ? QProcessEnvironment::systemEnvironment().value(u"MYSQL_PWD"_s)
                : parsed->password;
            Store::ConnectionProfile profile = parsed->profile;
            profile.id = Store::ConnectionUrl::toUrl(profile);
            workspace.openDirect(profile, password);
        }
    }
    const bool signedIn = workspace.signInToSandbox();
    if (signedIn && parser.isSet(branchOption)) {
        const QStringList parts = parser.value(branchOption).split(u'/');
        if (parts.size() == 3)
            workspace.openBranch(App::BranchRef { parts[0], parts[1], parts[2], true }, u"reader"_s,
                u"-- Ctrl+Enter runs the statement under the cursor, Ctrl+Shift+Enter runs all.\n"
                u"SELECT o.id, c.name, p.title, o.quantity, o.total, o.placed_at, o.note\n"
                u"FROM orders o JOIN customers c ON c.id = o.customer_id\n"
                u"JOIN products p ON p.id = o.product_id\nORDER BY o.id;\n"_s);
    }
    if (!parser.isSet(smokeOption))
        workspace.restoreTabs();

    if (parser.isSet(smokeOption)) {
        QTimer::singleShot(0, &window, [&window] {
            QTextStream(stdout) << u"smoke: window="_s << window.windowTitle() << u" visible="_s
                                << (window.isVisible() ? 1 : 0) << u" docks="_s
                                << std::count_if(window.children().cbegin(), window.children().cend(),
                                       [](const QObject *child) { return qobject_cast<const QDockWidget *>(child); })
                                << Qt::endl;
            window.close();
        });
    }
    return app.exec();
}
