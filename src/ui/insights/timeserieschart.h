#pragma once

#include "core/querymetrics.h"

#include <QColor>
#include <QWidget>

namespace Ui {

// A small line chart of Insights series over time, painted by hand (a few dozen points: Qt Charts would
// bring a module and a package for this). The vertical axis starts at 0 and ends at the largest value;
// a step without a value is a gap in its line. Hovering shows the step's time and values.
class TimeSeriesChart : public QWidget
{
    Q_OBJECT
public:
    struct Line
    {
        QString label;
        QColor color;
        QList<Core::MetricPoint> points;
    };

    explicit TimeSeriesChart(QString title, QString unit, QWidget *parent = nullptr);

    void setLines(QList<Line> lines);
    void clear() { setLines({}); }
    const QList<Line> &lines() const { return m_lines; }
    double maximum() const { return m_max; }
    // The step nearest to x (widget coordinates), -1 when there are no points.
    int stepAt(int x) const;

    QSize sizeHint() const override { return { 360, 140 }; }
    QSize minimumSizeHint() const override { return { 160, 90 }; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QRectF plotRect() const;
    QString format(double value) const;

    QString m_title;
    QString m_unit;
    QList<Line> m_lines;
    double m_max = 0;
    int m_hover = -1;
};

} // namespace Ui
