#include "ui/common/statusline.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QLabel>

namespace Ui {

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    // The label has no layout above it: its own geometry requests stop here, and this widget decides whether
    // a new text changes its size (a paragraph) or not (a single line).
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("Copy"), this);
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_text); });
    addAction(copy);
    setSingleLine(false);
    Theme::setTone(this, m_tone);
    setVisible(false);
}

void StatusLine::showMessage(const QString &text, Tone tone)
{
    if (tone != m_tone) {
        m_tone = tone;
        Theme::setTone(this, tone);
    }
    if (text != m_text) {
        m_text = text;
        showText();
        if (!m_singleLine)
            updateGeometry(); // a paragraph's height follows its text
    }
    if (m_hidesWhenEmpty)
        setVisible(!text.isEmpty());
}

void StatusLine::setSingleLine(bool single)
{
    m_singleLine = single;
    m_label->setWordWrap(!single);
    // A single line is elided: selecting it would copy part of the text, so its clicks and context menu go to
    // this widget, whose Copy copies all of it.
    m_label->setTextInteractionFlags(single ? Qt::NoTextInteraction : Qt::TextSelectableByMouse);
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents, single);
    QSizePolicy policy(single && !m_reserved.isEmpty() ? QSizePolicy::Fixed : QSizePolicy::Preferred,
        single ? QSizePolicy::Fixed : QSizePolicy::Preferred);
    policy.setHeightForWidth(!single);
    setSizePolicy(policy);
    showText();
    updateGeometry();
}

void StatusLine::reserveWidth(const QString &sample)
{
    m_reserved = sample;
    setSingleLine(true);
}

void StatusLine::setAlignment(Qt::Alignment alignment)
{
    m_label->setAlignment(alignment);
}

void StatusLine::showText()
{
    if (!m_singleLine) {
        m_label->setText(m_text);
        if (!toolTip().isEmpty())
            setToolTip({});
        return;
    }
    QString line = m_text;
    line.replace(u'\n', u' ');
    const QString shown = fontMetrics().elidedText(line, Qt::ElideRight, contentsRect().width());
    m_label->setText(shown);
    const QString tip = shown == line ? QString() : m_text;
    if (tip != toolTip())
        setToolTip(tip);
}

QSize StatusLine::lineSize(int textWidth) const
{
    const QMargins m = contentsMargins();
    return { textWidth + m.left() + m.right(), fontMetrics().height() + m.top() + m.bottom() };
}

QSize StatusLine::sizeHint() const
{
    if (!m_singleLine)
        return m_label->sizeHint().grownBy(contentsMargins());
    // Room for a typical status, or for the reserved text; the layout may give a line its full width anyway.
    return lineSize(
        m_reserved.isEmpty() ? fontMetrics().averageCharWidth() * 40 : fontMetrics().horizontalAdvance(m_reserved));
}

QSize StatusLine::minimumSizeHint() const
{
    if (!m_singleLine)
        return m_label->minimumSizeHint().grownBy(contentsMargins());
    return lineSize(
        m_reserved.isEmpty() ? fontMetrics().averageCharWidth() * 8 : fontMetrics().horizontalAdvance(m_reserved));
}

bool StatusLine::hasHeightForWidth() const
{
    return !m_singleLine;
}

int StatusLine::heightForWidth(int width) const
{
    if (m_singleLine)
        return -1;
    const QMargins m = contentsMargins();
    const int height = m_label->heightForWidth(width - m.left() - m.right());
    return height < 0 ? -1 : height + m.top() + m.bottom();
}

bool StatusLine::event(QEvent *event)
{
    if (event->type() == QEvent::ContentsRectChange) {
        m_label->setGeometry(contentsRect());
        showText();
    }
    return QWidget::event(event);
}

void StatusLine::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_label->setGeometry(contentsRect());
    if (m_singleLine)
        showText(); // elided to the new width
}

void StatusLine::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        showText();
        updateGeometry(); // the line's height follows the font
    }
}

} // namespace Ui
