#include "ui/common/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

QString plainText(QString text)
{
    // "&New SQL Tab…" → "New SQL Tab…"; "&&" stays one ampersand.
    text.replace(u"&&"_s, u"\x01"_s);
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

void collectMenu(const QMenu *menu, QList<QAction *> &actions)
{
    for (QAction *action : menu->actions()) {
        if (action->menu())
            collectMenu(action->menu(), actions);
        else
            actions.append(action);
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter->setPlaceholderText(tr("Filter by action or key"));
    m_filter->setClearButtonEnabled(true);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({ tr("Action"), tr("Keys") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(560, 620);
}

void ShortcutsDialog::addMenus(QMenuBar *menus)
{
    for (QAction *top : menus->actions()) {
        if (!top->menu())
            continue;
        QList<QAction *> actions;
        collectMenu(top->menu(), actions);
        addActions(plainText(top->text()), actions);
    }
}

void ShortcutsDialog::addSection(const QString &title, const QWidget *source)
{
    QList<QAction *> actions = source->actions();
    for (const QWidget *child : source->findChildren<QWidget *>())
        actions += child->actions();
    addActions(title, actions);
}

void ShortcutsDialog::addActions(const QString &title, const QList<QAction *> &actions)
{
    QTreeWidgetItem *section = nullptr;
    QSet<QString> seen;
    for (const QAction *action : actions) {
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty() || action->isSeparator())
            continue;
        QStringList texts;
        for (const QKeySequence &key : keys)
            texts << key.toString(QKeySequence::NativeText);
        const QString name = plainText(action->text());
        if (seen.contains(name))
            continue;
        seen.insert(name);
        if (!section) {
            section = new QTreeWidgetItem(m_list, { title });
            QFont bold = section->font(0);
            bold.setBold(true);
            section->setFont(0, bold);
            section->setFirstColumnSpanned(true);
            section->setFlags(Qt::ItemIsEnabled);
        }
        auto *row = new QTreeWidgetItem(section, { name, texts.join(u"  or  "_s) });
        row->setIcon(0, action->icon());
        row->setData(0, Qt::UserRole, title);
    }
    m_list->expandAll();
}

QStringList ShortcutsDialog::rows() const
{
    QStringList result;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *section = m_list->topLevelItem(i);
        for (int j = 0; j < section->childCount(); ++j)
            result << section->text(0) + u" / "_s + section->child(j)->text(0) + u" / "_s + section->child(j)->text(1);
    }
    return result;
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_list->topLevelItem(i);
        int visible = 0;
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *row = section->child(j);
            const bool match = text.isEmpty() || row->text(0).contains(text, Qt::CaseInsensitive)
                || row->text(1).contains(text, Qt::CaseInsensitive);
            row->setHidden(!match);
            visible += match ? 1 : 0;
        }
        section->setHidden(visible == 0);
    }
}

} // namespace Ui
