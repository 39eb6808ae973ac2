#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QMessageBox>
#include <QPixmap>
#include <QProcessEnvironment>
#include <QScreen>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include "app/documentopener.h"
#include "app/smokereport.h"
#include "app/sqltabs.h"
#include "app/versions.h"
#include "app/workspace.h"
#include "store/connectionurl.h"
#include "ui/common/colorschemewatcher.h"
#include "ui/common/mainwindow.h"
#include "ui/common/quickopendialog.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/deployrequestdetail.h"

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

volatile std::sig_atomic_t g_quitRequested = 0;

void onQuitSignal(int)
{
    g_quitRequested = 1;
}

void printVersions()
{
    QTextStream out(stdout);
    for (const auto &[name, version] : App::componentVersions())
        out << name << u": "_s << version << Qt::endl;
}

// SIGTERM, SIGINT and SIGHUP close the window as the user would: tabs and layout are saved.
void quitGracefullyOnSignals(QObject *context)
{
    std::signal(SIGTERM, onQuitSignal);
    std::signal(SIGINT, onQuitSignal);
    std::signal(SIGHUP, onQuitSignal);
    auto *poll = new QTimer(context);
    QObject::connect(poll, &QTimer::timeout, context, [] {
        if (g_quitRequested)
            QApplication::closeAllWindows();
    });
    poll->start(200);
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
    const QCommandLineOption smokeOption(u"smoke-test"_s,
        u"Open the main window, wait for restored tabs to reconnect, report the window and its tabs, quit "
        u"(used by tests)."_s);
    const QCommandLineOption urlOption(u"url"_s,
        u"Open an SQL tab on this server: mysql://user@host:port/db?ssl-mode=VERIFY_IDENTITY"
        u"&ssl-ca=FILE. The password is read from MYSQL_PWD."_s,
        u"url"_s);
    const QCommandLineOption branchOption(u"open-branch"_s,
        u"After signing in, open an SQL tab on ORG/DATABASE/BRANCH (unless one is restored)."_s,
        u"org/database/branch"_s);
    const QCommandLineOption roleOption(
        u"role"_s, u"Password role for --open-branch (reader, writer, readwriter, admin)."_s, u"role"_s, u"reader"_s);
    const QCommandLineOption openOption(u"open"_s,
        u"After signing in, open this document (repeatable): deploy-request:ORG/DATABASE/NUMBER, "
        u"schema:ORG/DATABASE/BRANCH or compare:ORG/DATABASE/BASE...HEAD."_s,
        u"key"_s);
    const QCommandLineOption themeOption(
        u"theme"_s, u"Colour scheme for this run: system, light or dark (View › Theme keeps one)."_s, u"scheme"_s);
    const QCommandLineOption quickOpenOption(
        u"quick-open"_s, u"Show the quick-open box with this text typed (screenshots)."_s, u"text"_s);
    const QCommandLineOption sectionOption(u"section"_s,
        u"The section deploy requests given to --open show: summary, changes, reviews or deployment."_s, u"section"_s);
    const QCommandLineOption screenshotOption(u"screenshot"_s,
        u"Fill the screen, wait (--screenshot-delay), save a picture of the screen to this PNG file and quit "
        u"(./branchdeck.sh screenshots)."_s,
        u"file"_s);
    const QCommandLineOption screenshotDelayOption(
        u"screenshot-delay"_s, u"Milliseconds before --screenshot is taken (default 6000)."_s, u"ms"_s, u"6000"_s);
    parser.addOptions({ versionsOption, smokeOption, urlOption, branchOption, roleOption, openOption, themeOption,
        quickOpenOption, sectionOption, screenshotOption, screenshotDelayOption });
    parser.process(app);

    if (parser.isSet(versionsOption)) {
        printVersions();
        return 0;
    }

    QApplication::setStyle(u"Fusion"_s);
    Ui::ColorSchemeWatcher schemeWatcher; // before the first palette is set: it reads the platform's
    QSettings settings;
    Ui::Theme::apply(Ui::Theme::schemeFromName(
        parser.isSet(themeOption) ? parser.value(themeOption) : settings.value(u"window/theme"_s).toString()));
    Ui::MainWindow window(App::componentVersions());
    App::Workspace workspace(&window);
    window.restoreLayout(settings);
    QObject::connect(&window, &Ui::MainWindow::closing, &window, [&window, &workspace, &settings] {
        window.saveLayout(settings);
        workspace.saveDocuments();
        settings.sync();
    });
    quitGracefullyOnSignals(&window);
    if (parser.isSet(screenshotOption)) {
        // The whole screen (an X server of the wanted size): popups such as quick open are in the picture.
        window.setGeometry(window.screen()->availableGeometry());
        QTimer::singleShot(
            parser.value(screenshotDelayOption).toInt(), &window, [&window, file = parser.value(screenshotOption)] {
                if (!window.screen()->grabWindow(0).save(file, "PNG")) {
                    QTextStream(stderr) << "Could not save the screenshot to " << file << Qt::endl;
                    QCoreApplication::exit(1);
                    return;
                }
                QApplication::closeAllWindows();
            });
    }
    window.show();

    const bool signedIn = workspace.signInToSandbox();
    workspace.restoreTabs();
    if (signedIn)
        workspace.restoreDocuments();
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
    QString openedTarget;
    if (signedIn && parser.isSet(branchOption)) {
        const QStringList parts = parser.value(branchOption).split(u'/');
        const App::BranchRef branch { parts.value(0), parts.value(1), parts.value(2), true };
        // A tab restored on that branch is the one: launching again never adds a duplicate.
        if (parts.size() == 3 && !workspace.sqlTabs()->hasTabOn(branch.target())) {
            openedTarget = branch.target();
            workspace.openBranch(branch, parser.value(roleOption),
                u"-- Ctrl+Enter runs the statement under the cursor, Ctrl+Shift+Enter runs all.\n"
                u"SELECT o.id, c.name, p.title, o.quantity, o.total, o.placed_at, o.note\n"
                u"FROM orders o JOIN customers c ON c.id = o.customer_id\n"
                u"JOIN products p ON p.id = o.product_id\nORDER BY o.id;\n"_s);
        }
    }

    // With the sandbox's demo (or any --open-branch) the first window shows its database and a deploy request.
    if (signedIn && parser.isSet(branchOption)) {
        const QStringList parts = parser.value(branchOption).split(u'/');
        if (parts.size() == 3)
            workspace.startOn(parts.at(0), parts.at(1));
    }

    if (signedIn) {
        const QStringList sections { u"summary"_s, u"changes"_s, u"reviews"_s, u"deployment"_s };
        const auto section = Ui::DeployRequestDetail::Section(sections.indexOf(parser.value(sectionOption).toLower()));
        for (const QString &key : parser.values(openOption)) {
            auto *request = qobject_cast<Ui::DeployRequestDetail *>(workspace.documents()->open(key));
            // Once loaded (a new document picks its own section when its request arrives).
            if (request && int(section) >= 0)
                QObject::connect(
                    request, &Ui::DeployRequestDetail::diffLoaded, request,
                    [request, section] { request->showSection(section); }, Qt::SingleShotConnection);
        }
    }
    if (parser.isSet(quickOpenOption)) {
        // Once the window has settled (restored and first-run documents open), so the box stays on top.
        QTimer::singleShot(2500, &workspace,
            [&workspace, text = parser.value(quickOpenOption)] { workspace.showQuickOpen()->setQuery(text); });
    }

    if (parser.isSet(smokeOption))
        App::SmokeReport::printWhenSettled(&window, &workspace, openedTarget);
    return app.exec();
}
