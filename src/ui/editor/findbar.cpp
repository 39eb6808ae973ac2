#include "ui/editor/findbar.h"

#include "ui/editor/sqleditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Ui {

FindBar::FindBar(SqlEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_wholeWord(new QCheckBox(tr("Whole words"), this))
    , m_regex(new QCheckBox(tr("Regular expression"), this))
    , m_result(new QLabel(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    auto button = [this](const QString &text, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(button(tr("Previous"), &FindBar::findPrevious), 0, 1);
    layout->addWidget(button(tr("Next"), &FindBar::findNext), 0, 2);
    layout->addWidget(m_caseSensitive, 0, 3);
    layout->addWidget(m_wholeWord, 0, 4);
    layout->addWidget(m_regex, 0, 5);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(button(tr("Replace"), &FindBar::replaceNext), 1, 1);
    layout->addWidget(button(tr("All"), [this] { replaceAll(); }), 1, 2);
    layout->addWidget(m_result, 1, 3, 1, 3);
    layout->setColumnStretch(0, 1);
    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceNext);
}

void FindBar::activate()
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(u'\n'))
        m_find->setText(m_editor->selectedText());
    show();
    m_find->setFocus();
    m_find->selectAll();
}

void FindBar::report(bool found)
{
    m_result->setText(found ? QString() : tr("Not found"));
}

void FindBar::findNext()
{
    report(m_editor->find(
        m_find->text(), m_caseSensitive->isChecked(), m_wholeWord->isChecked(), m_regex->isChecked(), true));
}

void FindBar::findPrevious()
{
    report(m_editor->find(
        m_find->text(), m_caseSensitive->isChecked(), m_wholeWord->isChecked(), m_regex->isChecked(), false));
}

void FindBar::replaceNext()
{
    report(m_editor->replaceCurrent(m_find->text(), m_replace->text(), m_caseSensitive->isChecked(),
        m_wholeWord->isChecked(), m_regex->isChecked()));
}

int FindBar::replaceAll()
{
    const int count = m_editor->replaceAll(m_find->text(), m_replace->text(), m_caseSensitive->isChecked(),
        m_wholeWord->isChecked(), m_regex->isChecked());
    m_result->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_editor->setFocus();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Ui
