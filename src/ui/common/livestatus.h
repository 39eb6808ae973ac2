#pragma once

#include <QWidget>

namespace Ui {

// One line of status text that changes often (a ticker while rows stream: "Running… 123,456 rows · 2.1 s").
// Unlike QLabel, whose setText() asks the whole window to lay out again, its size hint never depends on the
// text: a new text is only repainted, elided to the width the layout gives it (the full text in the tooltip
// then). Copy is in its context menu.
class LiveStatus : public QWidget
{
    Q_OBJECT
public:
    explicit LiveStatus(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateToolTip();

    QString m_text;
};

} // namespace Ui
