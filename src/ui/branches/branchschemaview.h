#pragma once

#include "api/apiresult.h"
#include "core/branch.h"
#include "core/linterror.h"
#include "core/tableddl.h"
#include "ui/common/statusline.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTreeView;
class QsciScintilla;

namespace Api {
class ApiClient;
}

namespace Ui {

class SideBySideDiffView;

// The inside of one branch: tables › columns, indexes and lint findings from the branch schema and lint
// endpoints, the selected table's CREATE statement with SQL colours, and comparisons with the parent or any other
// branch, shown side by side in a window of their own.
class BranchSchemaView : public QWidget
{
    Q_OBJECT
public:
    enum Role { TableNameRole = Qt::UserRole + 1, DdlRole, LintCodeRole };

    explicit BranchSchemaView(Api::ApiClient *client, QWidget *parent = nullptr);

    // otherBranches: the names offered by "compare with…".
    void setBranch(
        const QString &org, const QString &database, const Core::Branch &branch, const QStringList &otherBranches);
    void clear();
    void reload();
    void compareWithParent();
    void compareWith(const QString &otherBranch);

    QStandardItemModel *tableModel() const { return m_model; }
    QString ddlText() const;
    QString statusText() const;
    // The branch lint's summary line ("3 lint findings in 2 tables"), empty until it answered.
    QString lintText() const;
    const QList<Core::LintError> &lintErrors() const { return m_lintErrors; }
    bool selectTable(const QString &name);
    // The window of the latest comparison (null before the first).
    SideBySideDiffView *comparisonView() const;

Q_SIGNALS:
    void schemaLoaded(int tableCount);
    void comparisonFinished(int differenceCount);
    // The branch lint answered after the tables loaded (-1: it failed).
    void lintLoaded(int findingCount);

private:
    void setTables(const QList<Core::TableDdl> &tables);
    void requestLint();
    void setLint(const QList<Core::LintError> &errors);
    void showStatus(const QString &text, bool error = false);
    void showDdl(const QModelIndex &index);
    void finishCompare();
    SideBySideDiffView *ensureDiffView();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    Core::Branch m_branch;
    Api::RequestId m_schemaRequest = 0;
    Api::RequestId m_lintRequest = 0;
    QList<Core::LintError> m_lintErrors;

    struct Compare
    {
        QString left;
        QString right;
        Api::RequestId leftRequest = 0;
        Api::RequestId rightRequest = 0;
        std::optional<QList<Core::TableDdl>> leftTables;
        std::optional<QList<Core::TableDdl>> rightTables;
        QString error;
    } m_compare;

    QLabel *m_title;
    StatusLine *m_status;
    StatusLine *m_lint;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QsciScintilla *m_ddl;
    QPushButton *m_compareParent;
    QComboBox *m_compareTarget;
    QPushButton *m_compareOther;
    QPointer<SideBySideDiffView> m_diffView;
};

} // namespace Ui
