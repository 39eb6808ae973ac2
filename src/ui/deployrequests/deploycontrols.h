#pragma once

#include "api/apiresult.h"
#include "core/deployrequest.h"
#include "core/storagecheck.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace Api {
class ApiClient;
}

namespace Ui {

class StatusLine;

// The controls of one deploy request beside its actions: where it is in the deploy queue (what is ahead,
// whether the queue is paused), auto-apply and auto-delete of the branch, the throttler ratio, the storage
// check before deploying, and force cutover while a cutover waits for locks.
class DeployControls : public QWidget
{
    Q_OBJECT
public:
    explicit DeployControls(Api::ApiClient *client, QWidget *parent = nullptr);

    void setDeployRequest(const QString &org, const QString &database, const Core::DeployRequest &request);
    void clear();

    // Known after the storage check answered (it runs for requests that can still be deployed).
    const std::optional<Core::StorageCheck> &storage() const { return m_storage; }
    static QString queueText(const Core::DeployRequest &request);
    static QString storageText(const Core::StorageCheck &check);

    QLabel *queueLabel() const { return m_queue; }
    QLabel *storageLabel() const { return m_storageLabel; }
    QCheckBox *autoApplyBox() const { return m_autoApply; }
    QCheckBox *autoDeleteBox() const { return m_autoDelete; }
    QSpinBox *throttleBox() const { return m_ratio; }
    QPushButton *throttleButton() const { return m_setRatio; }
    QPushButton *forceCutoverButton() const { return m_force; }
    QString statusText() const;

Q_SIGNALS:
    // A control changed the request (the document applies the server's answer).
    void deployRequestChanged(const Core::DeployRequest &request);
    void throttlerLoaded(int ratio);
    void storageChecked(bool enough);
    void actionFinished(bool ok, const QString &message);

private:
    void loadThrottler();
    void loadStorage();
    void changed(const QString &what, Api::ApiResult<Core::DeployRequest> result);
    void updateEnabled();

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    Core::DeployRequest m_request;
    std::optional<Core::StorageCheck> m_storage;
    bool m_busy = false;
    QLabel *m_queue;
    QLabel *m_storageLabel;
    QCheckBox *m_autoApply;
    QCheckBox *m_autoDelete;
    QSpinBox *m_ratio;
    QPushButton *m_setRatio;
    QPushButton *m_force;
    StatusLine *m_status;
};

} // namespace Ui
