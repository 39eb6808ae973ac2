#include "app/quickopener.h"

#include "app/documentopener.h"
#include "app/quickopenindex.h"
#include "ui/branches/branchbrowser.h"
#include "ui/branches/branchtreemodel.h"
#include "ui/common/mainwindow.h"
#include "ui/common/quickopendialog.h"
#include "ui/deployrequests/deployrequestpanel.h"

#include <QDockWidget>

using namespace Qt::StringLiterals;

namespace App {

QuickOpener::QuickOpener(Ui::MainWindow *window, Api::ApiClient *client, Ui::BranchBrowser *browser,
    Ui::DeployRequestPanel *deploys, DocumentOpener *documents, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_browser(browser)
    , m_deploys(deploys)
    , m_documents(documents)
    , m_index(new QuickOpenIndex(client, browser->model(), this))
{ }

Ui::QuickOpenDialog *QuickOpener::show()
{
    if (!m_dialog) {
        m_dialog = new Ui::QuickOpenDialog(m_window);
        connect(m_dialog, &Ui::QuickOpenDialog::itemActivated, this, &QuickOpener::open);
        // The tree fills in while the box is open (right after start): new databases and branches join.
        auto follow = [this] {
            if (m_dialog->isVisible()) {
                m_index->refresh();
                m_dialog->setItems(m_index->items());
            }
        };
        connect(m_browser->model(), &QAbstractItemModel::rowsInserted, m_dialog, follow);
        connect(m_browser->model(), &QAbstractItemModel::modelReset, m_dialog, follow);
        connect(m_index, &QuickOpenIndex::itemsChanged, m_dialog, [this] { showItems(); });
    }
    m_dialog->setItems(m_index->items());
    m_index->refresh();
    m_dialog->setStatus(m_index->pendingRequests() > 0 ? tr("Looking up deploy requests and tables…") : QString());
    m_dialog->popup(m_window);
    return m_dialog;
}

void QuickOpener::showItems()
{
    m_dialog->setItems(m_index->items());
    m_dialog->setStatus(m_index->pendingRequests() > 0 ? tr("Looking up deploy requests and tables…") : QString());
}

void QuickOpener::open(const Ui::QuickOpenItem &item)
{
    const QString kind = item.key.section(u':', 0, 0);
    const QStringList parts = item.key.section(u':', 1).split(u'/');
    if (kind == u"organization"_s) {
        m_browser->selectOrganization(item.key.section(u':', 1));
        m_window->branchDock()->raise();
    } else if (kind == u"database"_s && parts.size() == 2) {
        m_browser->selectDatabase(parts[0], parts[1]);
        m_deploys->setDatabase(parts[0], parts[1]);
        m_window->deployRequestDock()->show();
        m_window->deployRequestDock()->raise();
    } else if (kind == u"schema"_s && parts.size() == 3 && parts[2].contains(u'#')) {
        m_documents->openSchema(parts[0], parts[1], parts[2].section(u'#', 0, 0), parts[2].section(u'#', 1));
    } else {
        m_documents->open(item.key);
    }
}

} // namespace App
