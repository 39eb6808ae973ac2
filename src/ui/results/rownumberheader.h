#pragma once

#include <QHeaderView>

namespace Ui {

// The grid's row numbers. QHeaderView measures its width from the texts of the first and last hundred rows,
// again after every batch of streamed rows, and the grid relays out and repaints whenever that width moves.
// Here the width comes from the number of digits alone, reserved in steps (up to 9,999; up to 9,999,999;
// then ten digits), so a million streaming rows widen it twice, not at every tick.
class RowNumberHeader : public QHeaderView
{
    Q_OBJECT
public:
    explicit RowNumberHeader(QWidget *parent = nullptr);

    // The digits the width is reserved for, at a row count.
    static int reservedDigits(qsizetype rows);

    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    mutable int m_digits = 0; // of the cached width; 0: not measured yet
    mutable int m_width = 0;
};

} // namespace Ui
