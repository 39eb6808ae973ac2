#include "app/smokereport.h"

#include "app/sqltabs.h"
#include "app/workspace.h"
#include "ui/common/documentarea.h"
#include "ui/common/mainwindow.h"
#include "ui/editor/disconnectedtab.h"
#include "ui/editor/querytab.h"

#include <QDeadlineTimer>
#include <QDockWidget>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace App {

namespace {

bool settled(Workspace *workspace, const QString &waitForTarget)
{
    for (Ui::DisconnectedTab *tab : workspace->sqlTabs()->disconnectedTabs()) {
        if (tab->isConnecting())
            return false;
    }
    if (waitForTarget.isEmpty())
        return true;
    for (Ui::QueryTab *tab : workspace->sqlTabs()->tabs()) {
        if (tab->profile().id == waitForTarget)
            return true;
    }
    return false;
}

} // namespace

QString SmokeReport::describe(Ui::MainWindow *window)
{
    QString text;
    QTextStream out(&text);
    out << u"smoke: window="_s << window->windowTitle() << u" visible="_s << (window->isVisible() ? 1 : 0)
        << u" docks="_s
        << std::count_if(window->children().cbegin(), window->children().cend(),
               [](const QObject *child) { return qobject_cast<const QDockWidget *>(child); })
        << u'\n';
    for (QWidget *document : window->documents()->documents()) {
        const QString key = window->documents()->keyOf(document);
        out << u"document: key="_s << key << u" kind="_s << key.section(u':', 0, 0) << u" title="_s
            << document->windowTitle().replace(u' ', u'_');
        if (auto *tab = qobject_cast<Ui::QueryTab *>(document)) {
            const Store::ConnectionProfile &p = tab->profile();
            out << u" target="_s << p.id << u" role="_s << p.role << u" production="_s << (p.production ? 1 : 0)
                << u" connected=1 host="_s << p.host << u" port="_s << p.port;
        } else if (auto *waiting = qobject_cast<Ui::DisconnectedTab *>(document)) {
            const Store::TabState s = waiting->state();
            out << u" target="_s << s.target << u" role="_s << s.role << u" production="_s << (s.production ? 1 : 0)
                << u" connected=0 banner="_s << QString(waiting->bannerText()).replace(u' ', u'_');
        }
        out << u'\n';
    }
    return text;
}

void SmokeReport::printWhenSettled(Ui::MainWindow *window, Workspace *workspace, const QString &waitForTarget)
{
    auto *poll = new QTimer(window);
    const QDeadlineTimer deadline(20000);
    QObject::connect(poll, &QTimer::timeout, window, [=] {
        if (!settled(workspace, waitForTarget) && !deadline.hasExpired())
            return;
        poll->stop();
        QTextStream(stdout) << describe(window) << Qt::flush;
        window->close();
    });
    poll->start(50);
}

} // namespace App
