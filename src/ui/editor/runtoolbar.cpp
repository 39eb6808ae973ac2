#include "ui/editor/runtoolbar.h"

#include "ui/common/badgelabel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace Ui {

RunToolbar::RunToolbar(const QString &target, bool production, QWidget *shortcutOwner, QWidget *parent)
    : QToolBar(parent)
{
    setIconSize(QSize(16, 16));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto make = [this, shortcutOwner](const QString &text, const QList<QKeySequence> &keys, const QString &tip,
                    void (RunToolbar::*signal)()) {
        auto *action = addAction(text);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip);
        connect(action, &QAction::triggered, this, signal);
        shortcutOwner->addAction(action);
        return action;
    };
    m_run = make(tr("Run"), { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) },
        tr("Run the statement under the cursor, or the selection (Ctrl+Enter)"), &RunToolbar::runRequested);
    m_runAll = make(tr("Run All"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter) },
        tr("Run every statement in this tab (Ctrl+Shift+Enter)"), &RunToolbar::runAllRequested);
    m_cancel = make(tr("Cancel"), { QKeySequence(Qt::Key_Escape) }, tr("Stop the running statement (Esc)"),
        &RunToolbar::cancelRequested);
    m_cancel->setEnabled(false);
    addSeparator();
    make(tr("Find"), { QKeySequence::Find }, tr("Find and replace (Ctrl+F)"), &RunToolbar::findRequested);
    m_continue = addAction(tr("Continue After Errors"));
    m_continue->setCheckable(true);
    m_continue->setToolTip(tr("Run the remaining statements when one fails"));

    m_target = new QComboBox(this);
    m_target->setObjectName(u"targetChoice"_s);
    m_target->addItem(tr("Primary"));
    m_target->addItem(tr("Replica (read-only)"));
    m_target->setToolTip(tr("Where this tab's statements run; choosing the other opens a new tab there"));
    m_targetAction = addWidget(m_target);
    m_targetAction->setVisible(false);
    connect(m_target, &QComboBox::activated, this, [this](int index) {
        const bool replica = index == 1;
        if (replica == m_target->property("onReplica").toBool())
            return;
        m_target->setCurrentIndex(replica ? 0 : 1); // this tab stays where it runs
        Q_EMIT targetChosen(replica);
    });

    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(spacer);
    addWidget(new QLabel(target + u"  "_s, this));
    if (production) {
        auto *badge = new BadgeLabel(tr("PRODUCTION"), Tone::Danger, this);
        badge->setObjectName(u"productionBadge"_s);
        badge->setToolTip(tr("A production branch: destructive statements ask before they run."));
        addWidget(badge);
    }
}

void RunToolbar::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_runAll->setEnabled(!running);
    m_cancel->setEnabled(running);
}

void RunToolbar::showTargetChoice(bool onReplica)
{
    m_target->setProperty("onReplica", onReplica);
    m_target->setCurrentIndex(onReplica ? 1 : 0);
    m_targetAction->setVisible(true);
}

bool RunToolbar::continueOnError() const
{
    return m_continue->isChecked();
}

void RunToolbar::setContinueOnError(bool enabled)
{
    m_continue->setChecked(enabled);
}

} // namespace Ui
