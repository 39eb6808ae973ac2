#pragma once

#include "core/querymetrics.h"

#include <QChartView>
#include <QColor>
#include <QDateTime>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Ui {

// A small Qt Charts line chart of Insights series over time: a QDateTimeAxis of the steps (local time) and
// a QValueAxis from 0 to a little above the largest value. A step without a value is a gap: each line is
// one QLineSeries per run of steps with values (the first named in the legend, the rest in its colour),
// with its points drawn so a lone step still shows. Hovering a line shows the step's time and value.
class TimeSeriesChart : public QChartView
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
    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_values; }
    // The chart's series that draw `label`'s line (one per run of steps with values).
    QList<QLineSeries *> seriesOf(const QString &label) const;

    QSize sizeHint() const override { return { 360, 170 }; }
    QSize minimumSizeHint() const override { return { 200, 120 }; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void setTimeRange(const QDateTime &from, const QDateTime &to);
    QString format(double value) const;

    QString m_title;
    QString m_unit;
    QList<Line> m_lines;
    double m_max = 0;
    QDateTimeAxis *m_time;
    QValueAxis *m_values;
};

} // namespace Ui
