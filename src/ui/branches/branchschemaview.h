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

class BadgeLabel;
class KeyspaceBar;

// One branch as a document: its name with production / safe-migrations badges and parent; its tables ›
// columns, indexes and lint findings from the branch schema and lint endpoints beside the selected table's
// CREATE statement with SQL colours (or a keyspace's VSchema, from the keyspace bar); and the ways on: compare with the
// parent or any other branch (a comparison document), open a SQL editor, create a deploy request.
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
    void compareWith(const QString &otherBranch); // asks for the comparison document: other ← this

    QStandardItemModel *tableModel() const { return m_model; }
    QString ddlText() const;
    QString statusText() const;
    // The branch lint's summary line ("3 lint findings in 2 tables"), empty until it answered.
    QString lintText() const;
    const QList<Core::LintError> &lintErrors() const { return m_lintErrors; }
    bool selectTable(const QString &name);
    // Shows a keyspace's VSchema in the DDL pane (the keyspace bar's display), once the keyspaces are loaded.
    void showKeyspace(const QString &keyspace);
    KeyspaceBar *keyspaceBar() const { return m_keyspaces; }
    QString organization() const { return m_org; }
    QString database() const { return m_database; }
    const Core::Branch &branch() const { return m_branch; }

Q_SIGNALS:
    void schemaLoaded(int tableCount);
    // The branch lint answered after the tables loaded (-1: it failed).
    void lintLoaded(int findingCount);
    void comparisonRequested(const QString &org, const QString &database, const QString &base, const QString &head);
    void sqlEditorRequested(const QString &org, const QString &database, const QString &branch);
    void deployRequestRequested(const QString &org, const QString &database, const QString &branch);

private:
    void setTables(const QList<Core::TableDdl> &tables);
    void requestLint();
    void setLint(const QList<Core::LintError> &errors);
    void showStatus(const QString &text, bool error = false);
    void showDdl(const QModelIndex &index);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    Core::Branch m_branch;
    Api::RequestId m_schemaRequest = 0;
    Api::RequestId m_lintRequest = 0;
    QList<Core::LintError> m_lintErrors;

    QLabel *m_title;
    QLabel *m_subtitle;
    BadgeLabel *m_production;
    BadgeLabel *m_safeMigrations;
    StatusLine *m_status;
    StatusLine *m_lint;
    KeyspaceBar *m_keyspaces;
    bool m_vschemaShown = false; // the DDL pane shows a VSchema: the tables' arrival leaves it there
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QsciScintilla *m_ddl;
    QPushButton *m_compareParent;
    QComboBox *m_compareTarget;
    QPushButton *m_compareOther;
    QPushButton *m_openEditor;
    QPushButton *m_deployRequest;
};

} // namespace Ui
