#pragma once

#include "api/apiresult.h"
#include "core/deployment.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QToolButton;
class QTreeWidget;

namespace Api {
class ApiClient;
}

namespace Ui {

class StatusLine;

// The deploy queue of one database as a document (key "deploy-queue:org/db"): the deployments running or
// waiting, in the order they deploy, each with its position, state, the deploy requests ahead of it and
// when it was queued; a paused queue says why. Refreshed every few seconds while open; activating a row
// asks for that deploy request.
class DeployQueueView : public QWidget
{
    Q_OBJECT
public:
    enum Column { PositionColumn, RequestColumn, IntoColumn, StateColumn, AheadColumn, QueuedColumn, ColumnCount };

    DeployQueueView(Api::ApiClient *client, QString org, QString database, QWidget *parent = nullptr);

    static QString keyFor(const QString &org, const QString &database)
    {
        return QStringLiteral("deploy-queue:%1/%2").arg(org, database);
    }
    const QString &organization() const { return m_org; }
    const QString &database() const { return m_database; }
    void reload();
    void setRefreshInterval(std::chrono::milliseconds interval); // 0 stops; default 5 s

    QTreeWidget *view() const { return m_view; }
    QString summaryText() const;
    QString statusText() const;
    const QList<Core::Deployment> &deployments() const { return m_deployments; }

Q_SIGNALS:
    void loaded(int deployments);
    void deployRequestActivated(const QString &org, const QString &database, qint64 number);

private:
    void show(const QList<Core::Deployment> &deployments);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    QList<Core::Deployment> m_deployments;
    Api::RequestId m_request = 0;
    QLabel *m_summary;
    QToolButton *m_refresh;
    QTreeWidget *m_view;
    StatusLine *m_status;
    QTimer m_timer;
};

} // namespace Ui
