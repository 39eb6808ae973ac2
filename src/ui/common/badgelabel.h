#pragma once

#include "ui/common/theme.h"

#include <QWidget>

namespace Ui {

// A small rounded label filled with a tone: a deploy request's state, PRODUCTION, "disconnected". Colours
// are taken from the palette at paint time, so a change of scheme repaints it right.
class BadgeLabel : public QWidget
{
    Q_OBJECT
public:
    explicit BadgeLabel(QWidget *parent = nullptr);
    BadgeLabel(const QString &text, Tone tone, QWidget *parent = nullptr);

    void setBadge(const QString &text, Tone tone);
    QString text() const { return m_text; }
    Tone tone() const { return m_tone; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QFont badgeFont() const;

    QString m_text;
    Tone m_tone = Tone::Neutral;
};

} // namespace Ui
