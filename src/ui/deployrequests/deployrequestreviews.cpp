#include "ui/deployrequests/deployrequestreviews.h"

#include "api/deployrequestsresource.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

DeployRequestReviews::DeployRequestReviews(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_list(new QListWidget(this))
    , m_editor(new QPlainTextEdit(this))
    , m_approve(new QPushButton(tr("Approve"), this))
    , m_comment(new QPushButton(tr("Comment"), this))
    , m_status(new StatusLine(this))
{
    m_list->setWordWrap(true);
    m_list->setObjectName(u"reviewList"_s);
    m_editor->setPlaceholderText(tr("Leave a comment (optional for an approval)"));
    m_editor->setMaximumHeight(80);
    m_approve->setObjectName(u"approveButton"_s);
    m_comment->setObjectName(u"commentButton"_s);
    m_status->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_comment);
    buttons->addWidget(m_approve);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_editor);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_approve, &QPushButton::clicked, this, [this] { approve(m_editor->toPlainText().trimmed()); });
    connect(m_comment, &QPushButton::clicked, this, [this] { comment(m_editor->toPlainText().trimmed()); });
    connect(m_editor, &QPlainTextEdit::textChanged, this,
        [this] { m_comment->setEnabled(m_number > 0 && !m_editor->toPlainText().trimmed().isEmpty()); });
    clear();
}

void DeployRequestReviews::clear()
{
    m_number = 0;
    m_listRequest = 0;
    m_list->clear();
    m_editor->clear();
    m_approve->setEnabled(false);
    m_comment->setEnabled(false);
    showStatus({});
}

void DeployRequestReviews::setDeployRequest(const QString &org, const QString &database, qint64 number)
{
    clear();
    m_org = org;
    m_database = database;
    m_number = number;
    m_approve->setEnabled(true);
    reload();
}

void DeployRequestReviews::reload()
{
    if (!m_client || m_number <= 0)
        return;
    m_listRequest = Api::DeployRequestsResource(m_client).reviews(
        m_org, m_database, m_number, this, [this](Api::ApiResult<QList<Core::Review>> r) {
            if (r.requestId() != m_listRequest)
                return;
            m_listRequest = 0;
            if (!r)
                return showStatus(tr("Could not load the reviews: %1").arg(r.error().userText), true);
            m_list->clear();
            for (const Core::Review &review : r.value())
                addReview(review);
            if (r.value().isEmpty())
                m_list->addItem(tr("No reviews yet."));
            Q_EMIT reviewsLoaded(int(r.value().size()));
        });
}

void DeployRequestReviews::addReview(const Core::Review &review)
{
    if (m_list->count() == 1 && m_list->item(0)->data(Qt::UserRole).isNull())
        m_list->clear(); // the "no reviews" line
    const QString who = review.actor ? review.actor->displayName : tr("someone");
    const QString when = review.createdAt.isValid()
        ? QLocale().toString(review.createdAt.toLocalTime(), QLocale::ShortFormat)
        : QString();
    QString text = review.state == u"approved"_s ? tr("✔ %1 approved").arg(who) : tr("💬 %1 commented").arg(who);
    if (!when.isEmpty())
        text += u" · "_s + when;
    if (!review.body.isEmpty())
        text += u"\n"_s + review.body;
    auto *item = new QListWidgetItem(text, m_list);
    item->setData(Qt::UserRole, review.id);
    if (review.state == u"approved"_s)
        item->setForeground(Theme::tone(Tone::Success, palette()));
}

void DeployRequestReviews::approve(const QString &body)
{
    submit(u"approved"_s, body);
}

void DeployRequestReviews::comment(const QString &body)
{
    if (!body.isEmpty())
        submit(u"commented"_s, body);
}

void DeployRequestReviews::submit(const QString &state, const QString &body)
{
    if (!m_client || m_number <= 0)
        return;
    m_approve->setEnabled(false);
    m_comment->setEnabled(false);
    showStatus(state == u"approved"_s ? tr("Approving…") : tr("Sending the comment…"));
    const qint64 number = m_number;
    Api::DeployRequestsResource(m_client).createReview(
        m_org, m_database, number, state, body, this, [this, number](Api::ApiResult<Core::Review> r) {
            if (number != m_number)
                return;
            m_approve->setEnabled(true);
            if (!r) {
                m_comment->setEnabled(!m_editor->toPlainText().trimmed().isEmpty());
                return showStatus(tr("The review was not saved: %1").arg(r.error().userText), true);
            }
            m_editor->clear();
            showStatus({});
            addReview(r.value());
            Q_EMIT reviewAdded(r.value());
        });
}

int DeployRequestReviews::reviewCount() const
{
    int n = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->data(Qt::UserRole).isNull())
            ++n;
    }
    return n;
}

QString DeployRequestReviews::reviewText(int row) const
{
    return row >= 0 && row < m_list->count() ? m_list->item(row)->text() : QString();
}

QString DeployRequestReviews::statusText() const
{
    return !m_status->isHidden() ? m_status->text() : QString();
}

void DeployRequestReviews::showStatus(const QString &text, bool error)
{
    m_status->showStatus(text, error);
}

} // namespace Ui
