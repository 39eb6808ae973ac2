#include "ui/editor/disconnectedtab.h"

#include "ui/common/badgelabel.h"
#include "ui/common/icons.h"
#include "ui/editor/sqleditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

DisconnectedTab::DisconnectedTab(const Store::TabState &state, Store::TabAutosave *autosave, QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_autosave(autosave)
    , m_badge(new BadgeLabel(this))
    , m_message(new QLabel(this))
    , m_retry(new QPushButton(Icons::get(u"view-refresh"_s), tr("Retry"), this))
    , m_editor(new SqlEditor(this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(u"disconnectedTab"_s);
    setWindowTitle(state.title.isEmpty() ? state.target : state.title);
    setWindowIcon(Icons::get(u"network-disconnect"_s));
    setProperty("production", state.production);
    m_message->setObjectName(u"disconnectedBanner"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(u"retryConnection"_s);
    connect(m_retry, &QPushButton::clicked, this, &DisconnectedTab::retryRequested);

    auto *banner = new QWidget(this);
    banner->setObjectName(u"banner"_s);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::AlternateBase);
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->addWidget(m_badge);
    bannerLayout->addWidget(m_message, 1);
    bannerLayout->addWidget(m_retry);
    if (state.production) {
        auto *production = new BadgeLabel(tr("PRODUCTION"), Tone::Danger, banner);
        production->setObjectName(u"productionBadge"_s);
        bannerLayout->insertWidget(0, production);
    }

    m_editor->setText(state.text);
    m_editor->setCursorPosition(state.cursorLine, state.cursorIndex);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(3000);
    connect(m_saveTimer, &QTimer::timeout, this, &DisconnectedTab::saveNow);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_saveTimer->isActive())
            m_saveTimer->start();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(banner);
    layout->addWidget(m_editor, 1);
    showConnecting(tr("Reconnecting…"));
}

void DisconnectedTab::showConnecting(const QString &message)
{
    m_connecting = true;
    m_badge->setBadge(tr("connecting"), Tone::Info);
    m_message->setText(message);
    m_retry->setEnabled(false);
    m_retry->setVisible(true);
}

void DisconnectedTab::showProblem(const QString &message, bool canRetry, const QString &retryText)
{
    m_retry->setText(retryText.isEmpty() ? tr("Retry") : retryText);
    m_connecting = false;
    m_badge->setBadge(tr("disconnected"), Tone::Warning);
    m_message->setText(message + u' '
        + tr("Your text is kept here and nothing runs until the tab is connected to %1 again.").arg(windowTitle()));
    m_retry->setEnabled(canRetry);
    m_retry->setVisible(canRetry);
}

Store::TabState DisconnectedTab::state() const
{
    Store::TabState s = m_state;
    s.text = m_editor->text();
    m_editor->getCursorPosition(&s.cursorLine, &s.cursorIndex);
    return s;
}

QString DisconnectedTab::bannerText() const
{
    return m_message->text();
}

void DisconnectedTab::stopSaving()
{
    m_saveTimer->stop();
    m_autosave = nullptr;
}

void DisconnectedTab::saveNow()
{
    m_saveTimer->stop();
    if (m_autosave && m_autosave->isOpen())
        (void)m_autosave->save(state());
}

} // namespace Ui
