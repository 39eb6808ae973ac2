#include "ui/common/statusline.h"

namespace Ui {

StatusLine::StatusLine(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTone(this, m_tone);
    setVisible(false);
}

void StatusLine::showMessage(const QString &text, Tone tone)
{
    m_tone = tone;
    Theme::setTone(this, tone);
    setText(text);
    if (m_hidesWhenEmpty)
        setVisible(!text.isEmpty());
}

} // namespace Ui
