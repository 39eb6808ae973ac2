#pragma once

#include "api/apiresult.h"
#include "core/tableddl.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace Api {
class ApiClient;
}

namespace Ui {

class SideBySideDiffView;

// A comparison of two branches of one database as a document: "base ← head" with pickers to change
// either side, swap and refresh, and what head changes against base at full width, one block per table.
class BranchComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit BranchComparisonView(Api::ApiClient *client, QWidget *parent = nullptr);

    // branches: the names offered in the pickers.
    void compare(const QString &org, const QString &database, const QString &base, const QString &head,
        const QStringList &branches = {});
    void reload();

    SideBySideDiffView *diffView() const { return m_diff; }
    QString base() const { return m_base; }
    QString head() const { return m_head; }
    QString organization() const { return m_org; }
    QString database() const { return m_database; }

Q_SIGNALS:
    void comparisonFinished(int differenceCount);
    // base or head picked anew: the document's key changes with them.
    void sidesChanged(const QString &base, const QString &head);
    void deployRequestRequested(const QString &org, const QString &database, const QString &branch);

private:
    void finish();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QString m_base;
    QString m_head;
    Api::RequestId m_baseRequest = 0;
    Api::RequestId m_headRequest = 0;
    std::optional<QList<Core::TableDdl>> m_baseTables;
    std::optional<QList<Core::TableDdl>> m_headTables;
    QString m_error;

    QComboBox *m_basePicker;
    QComboBox *m_headPicker;
    QPushButton *m_deployRequest;
    SideBySideDiffView *m_diff;
};

} // namespace Ui
