#pragma once

#include "api/apiresult.h"
#include "core/review.h"
#include "ui/common/statusline.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Api {
class ApiClient;
}

namespace Ui {

// The reviews of a deploy request (approvals and comments, oldest first) and a box to approve or comment.
class DeployRequestReviews : public QWidget
{
    Q_OBJECT
public:
    explicit DeployRequestReviews(Api::ApiClient *client, QWidget *parent = nullptr);

    void setDeployRequest(const QString &org, const QString &database, qint64 number);
    void clear();
    void reload();
    void approve(const QString &body);
    void comment(const QString &body);

    int reviewCount() const;
    QString reviewText(int row) const;
    QString statusText() const;
    QPlainTextEdit *editor() const { return m_editor; }

Q_SIGNALS:
    void reviewAdded(const Core::Review &review);
    void reviewsLoaded(int count);

private:
    void submit(const QString &state, const QString &body);
    void addReview(const Core::Review &review);
    void showStatus(const QString &text, bool error = false);

    QPointer<Api::ApiClient> m_client;
    QString m_org;
    QString m_database;
    qint64 m_number = 0;
    Api::RequestId m_listRequest = 0;
    QListWidget *m_list;
    QPlainTextEdit *m_editor;
    QPushButton *m_approve;
    QPushButton *m_comment;
    StatusLine *m_status;
};

} // namespace Ui
