#pragma once

#include "api/apiresult.h"
#include "core/branch.h"
#include "core/deployrequest.h"
#include "ui/common/statusline.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Api {
class ApiClient;
}

namespace Ui {

class BadgeLabel;
class DeployRequestListModel;

// The deploy-request navigator (a dock): the requests of the current database filtered by state (open /
// closed / deployed / all) and branch. Selecting one opens it as a document in the centre
// (deployRequestOpened); the document reports changes back through updateRequest() so the list follows.
// Follows the branch browser's database through setDatabase().
class DeployRequestPanel : public QWidget
{
    Q_OBJECT
public:
    enum class StateFilter { Open, Closed, Deployed, All };

    explicit DeployRequestPanel(Api::ApiClient *client, QWidget *parent = nullptr);

    void setDatabase(const QString &org, const QString &database);
    QString organization() const { return m_org; }
    QString database() const { return m_database; }
    void setStateFilter(StateFilter filter);
    void setBranchFilter(const QString &branch); // empty: all branches
    void reload();
    bool selectDeployRequest(qint64 number);
    // Lists `database` (loading it if need be) with request `number` selected, without opening it: the
    // navigator following the document in the centre.
    void showDeployRequest(const QString &org, const QString &database, qint64 number);
    // Opens the create dialog for a branch of the current (or given) database.
    void createDeployRequest(const QString &org, const QString &database, const QString &branch);
    void setAutoRefreshInterval(std::chrono::milliseconds interval); // 0 disables; default 30 s

    // A request changed elsewhere (its document): the row follows.
    void updateRequest(const Core::DeployRequest &request);
    bool approvalRequired() const { return m_approvalRequired; }
    qint64 selectedNumber() const;

    DeployRequestListModel *model() const { return m_model; }
    QTableView *listView() const { return m_list; }
    QPushButton *queueButton() const { return m_queue; }
    QPushButton *recommendationsButton() const { return m_recommendations; }
    // The database's open schema recommendations, as a badge on the Recommendations button (hidden at 0).
    void setOpenRecommendations(const QString &org, const QString &database, qint64 count);
    QString recommendationsBadgeText() const;
    QString statusText() const;
    QStringList branchFilterChoices() const;

Q_SIGNALS:
    void deployRequestSelected(const QString &org, const QString &database, qint64 number);
    // Open this request as a document (selection, Enter, double-click).
    void deployRequestOpened(const QString &org, const QString &database, const Core::DeployRequest &request);
    void approvalRequiredChanged(const QString &org, const QString &database, bool required);
    void listLoaded(int count);
    // Show the deploy queue of this database.
    void queueRequested(const QString &org, const QString &database);
    // Show the schema recommendations of this database.
    void recommendationsRequested(const QString &org, const QString &database);
    void branchesLoaded();

private:
    void loadBranches();
    void onCurrentChanged();
    void showStatus(const QString &text, bool error = false);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QList<Core::Branch> m_branches;
    bool m_approvalRequired = false;
    Api::RequestId m_listRequest = 0;
    Api::RequestId m_branchRequest = 0;
    Api::RequestId m_databaseRequest = 0;
    qint64 m_pendingSelection = 0;
    qint64 m_shownNumber = 0; // showDeployRequest()'s row, selected quietly once the list has it

    QComboBox *m_state;
    QComboBox *m_branch;
    QPushButton *m_refresh;
    QPushButton *m_create;
    QPushButton *m_queue;
    QPushButton *m_recommendations;
    BadgeLabel *m_recommendationsBadge;
    QTableView *m_list;
    StatusLine *m_status;
    DeployRequestListModel *m_model;
    QTimer m_autoRefresh;
};

} // namespace Ui
