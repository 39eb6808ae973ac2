#pragma once

#include "schema/textdiff.h"
#include "schema/worddiff.h"

#include <QStringList>
#include <QWidget>

namespace Ui {

// Two versions of a text side by side at the full width it is given, row by row: line numbers, removed
// rows tinted in the danger tone, added ones in the success tone, and inside a changed row the words that
// changed in a stronger tint. Long lines wrap at word boundaries (a space, or after a comma when a line has
// no space left), continuation lines indented under their line; both cells of a row take the height of the
// taller one, so nothing is ever cut. Painted directly: thousands of rows stay cheap. Colours come from the palette.
class DiffPane : public QWidget
{
    Q_OBJECT
public:
    explicit DiffPane(QWidget *parent = nullptr);

    void setTexts(const QString &from, const QString &to);
    void setTitles(const QString &left, const QString &right);

    // The aligned sides, one line per row (an empty line for a gap), for tests and copying.
    QString leftText() const;
    QString rightText() const;
    int rowCount() const { return int(m_rows.size()); }
    Schema::TextDiff::Kind rowKind(int row) const { return m_rows.at(row).kind; }
    // The word ranges marked in a changed row (empty for other rows).
    const Schema::WordDiff::Result &wordChanges(int row) const { return m_rows.at(row).words; }
    // The screen lines one side of a row is painted as at `width` (continuation lines without their indent).
    QStringList wrappedLines(int row, bool left, int width) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        Schema::TextDiff::Kind kind = Schema::TextDiff::Kind::Equal;
        int leftLine = -1; // 0-based, -1 for a gap
        int rightLine = -1;
        Schema::WordDiff::Result words;
    };
    struct Metrics
    {
        qreal charWidth = 0; // fractional at non-integer (and some 2×) scales: no drift along a line
        int lineHeight = 0;
        int numberWidth = 0; // gutter with line numbers
        int titleHeight = 0;
        int columnWidth = 0; // one side, gutter included
        int charsPerLine = 1;
    };

    // Where a text's screen lines start and end (end exclusive; a space a line breaks at belongs to neither).
    struct Wrap
    {
        QList<int> starts;
        QList<int> ends;
        int indent = 0; // columns continuation lines are indented by
    };
    static Wrap wrapOf(const QString &text, int charsPerLine);

    Metrics metrics(int width) const;
    int linesOf(const QString &text, const Metrics &m) const;
    int rowHeight(const Row &row, const Metrics &m) const;
    void paintCell(QPainter &painter, const QRect &cell, const Row &row, bool left, const Metrics &m) const;

    QStringList m_from;
    QStringList m_to;
    QList<Row> m_rows;
    QString m_leftTitle;
    QString m_rightTitle;
    QFont m_mono;
};

} // namespace Ui
