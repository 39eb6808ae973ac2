#include "ui/deployrequests/schemarecommendationdetail.h"

#include "ui/common/icons.h"
#include "ui/common/theme.h"
#include "ui/deployrequests/schemarecommendationsview.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString when(const QDateTime &at)
{
    return at.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

} // namespace

SchemaRecommendationDetail::SchemaRecommendationDetail(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_title(new QLabel(this))
    , m_history(new QLabel(this))
    , m_ddl(new QPlainTextEdit(this))
    , m_copy(new QToolButton(this))
{
    setObjectName(u"recommendationDetail"_s);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_title->setObjectName(u"recommendationTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setObjectName(u"recommendationHistory"_s);
    m_history->setWordWrap(true);
    Theme::setTone(m_history, Tone::Neutral);
    m_ddl->setObjectName(u"recommendationDdl"_s);
    m_ddl->setReadOnly(true);
    m_ddl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ddl->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A few lines: recommendations' DDL is one statement; longer ones scroll.
    m_ddl->setMaximumHeight(m_ddl->fontMetrics().lineSpacing() * 5 + 12);
    m_copy->setObjectName(u"copyRecommendationDdl"_s);
    m_copy->setIcon(Icons::get(u"edit-copy"_s));
    m_copy->setText(tr("Copy DDL"));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setAutoRaise(true);
    connect(m_copy, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(m_ddl->toPlainText()); });

    auto *head = new QHBoxLayout;
    head->setContentsMargins(0, 0, 0, 0);
    head->addWidget(m_heading, 1);
    head->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(head);
    layout->addWidget(m_title);
    layout->addWidget(m_history);
    layout->addWidget(m_ddl);
    layout->addStretch(1);
    showRecommendation(nullptr);
}

void SchemaRecommendationDetail::showRecommendation(const Core::SchemaRecommendation *r)
{
    const bool hasDdl = r != nullptr && !r->ddlStatement.isEmpty();
    m_title->setVisible(r != nullptr);
    m_ddl->setVisible(hasDdl);
    m_copy->setVisible(hasDdl);
    if (!r) {
        m_heading->setText(tr("Select a recommendation to see it in full with its DDL."));
        m_history->clear();
        m_ddl->clear();
        return;
    }
    const QString table = r->keyspace.isEmpty() ? r->tableName : r->keyspace + u'.' + r->tableName;
    m_heading->setText(
        tr("#%1 · %2 · %3").arg(r->number).arg(SchemaRecommendationsView::kindText(r->recommendationType), table));
    m_title->setText(r->title);
    QStringList history;
    if (r->createdAt.isValid())
        history << tr("Opened %1").arg(when(r->createdAt));
    if (r->state == u"applied"_s) {
        history << (r->closedByDeployRequest ? tr("applied by deploy request #%1 on %2")
                                                   .arg(r->closedByDeployRequest->number)
                                                   .arg(when(r->appliedAt))
                                             : tr("applied on %1").arg(when(r->appliedAt)));
    } else if (r->state == u"dismissed"_s) {
        history << (r->dismissedBy.isEmpty() ? tr("dismissed on %1").arg(when(r->dismissedAt))
                                             : tr("dismissed by %1 on %2").arg(r->dismissedBy, when(r->dismissedAt)));
    } else if (r->state == u"stale"_s) {
        history << tr("stale: it no longer applies, the schema changed without a deploy request applying it");
    }
    m_history->setText(history.join(u" · "_s));
    m_ddl->setPlainText(r->ddlStatement);
}

QString SchemaRecommendationDetail::ddl() const
{
    return m_ddl->isHidden() ? QString() : m_ddl->toPlainText();
}

QString SchemaRecommendationDetail::historyText() const
{
    return m_history->text();
}

} // namespace Ui
