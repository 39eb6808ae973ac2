#pragma once

#include <QObject>

namespace Api {
class ApiClient;
}
namespace Ui {
class BranchBrowser;
class DeployRequestPanel;
class MainWindow;
class QuickOpenDialog;
struct QuickOpenItem;
} // namespace Ui

namespace App {

class DocumentOpener;
class QuickOpenIndex;

// Ctrl+K: the quick-open box over what the branch tree, the deploy requests and the tables offer (its
// QuickOpenIndex), kept up to date while it is open, and where a chosen item leads — the tree for an
// organization, the deploy-request navigator for a database, a document for anything else.
class QuickOpener final : public QObject
{
    Q_OBJECT
public:
    QuickOpener(Ui::MainWindow *window, Api::ApiClient *client, Ui::BranchBrowser *browser,
        Ui::DeployRequestPanel *deploys, DocumentOpener *documents, QObject *parent = nullptr);

    Ui::QuickOpenDialog *show();
    void open(const Ui::QuickOpenItem &item);

private:
    void showItems();

    Ui::MainWindow *m_window;
    Ui::BranchBrowser *m_browser;
    Ui::DeployRequestPanel *m_deploys;
    DocumentOpener *m_documents;
    QuickOpenIndex *m_index;
    Ui::QuickOpenDialog *m_dialog = nullptr;
};

} // namespace App
