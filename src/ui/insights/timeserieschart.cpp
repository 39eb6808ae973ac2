#include "ui/insights/timeserieschart.h"

#include <QCursor>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ui {

TimeSeriesChart::TimeSeriesChart(QString title, QString unit, QWidget *parent)
    : QChartView(parent)
    , m_title(std::move(title))
    , m_unit(std::move(unit))
    , m_time(new QDateTimeAxis)
    , m_values(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setFrameShape(QFrame::NoFrame);
    QChart *c = chart();
    c->setTitle(m_title);
    // Room for the data: a dock pane is small, the chart's defaults are for a page.
    c->setMargins(QMargins(2, 2, 2, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    c->legend()->setAlignment(Qt::AlignTop);
    m_time->setFormat(u"HH:mm"_s);
    m_time->setTickCount(5);
    m_values->setTickCount(3);
    m_values->setLabelFormat(m_unit.isEmpty() ? u"%.0f"_s : u"%.1f"_s);
    if (!m_unit.isEmpty())
        m_values->setTitleText(m_unit);
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_values, Qt::AlignLeft);
    applyPalette();
    setLines({});
}

void TimeSeriesChart::setLines(QList<Line> lines)
{
    m_lines = std::move(lines);
    QChart *c = chart();
    c->removeAllSeries();
    m_max = 0;
    QDateTime first;
    QDateTime last;
    for (const Line &l : m_lines) {
        QLineSeries *run = nullptr;
        bool named = false;
        for (const Core::MetricPoint &p : l.points) {
            if (!first.isValid() || p.at < first)
                first = p.at;
            if (!last.isValid() || p.at > last)
                last = p.at;
            if (!p.hasValue()) {
                run = nullptr;
                continue;
            }
            m_max = std::max(m_max, p.value);
            if (!run) {
                run = new QLineSeries;
                run->setName(l.label);
                run->setColor(l.color);
                QPen pen = run->pen();
                pen.setWidthF(1.6);
                run->setPen(pen);
                run->setPointsVisible(true);
                run->setMarkerSize(4);
                c->addSeries(run);
                run->attachAxis(m_time);
                run->attachAxis(m_values);
                // One legend entry per line, not per run.
                for (QLegendMarker *m : c->legend()->markers(run))
                    m->setVisible(!named);
                named = true;
                const QString label = l.label;
                connect(run, &QLineSeries::hovered, this, [this, label](const QPointF &point, bool state) {
                    if (!state) {
                        QToolTip::hideText();
                        return;
                    }
                    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(point.x()));
                    QToolTip::showText(QCursor::pos(),
                        QLocale().toString(at, QLocale::ShortFormat) + u"  "_s + label + u": "_s + format(point.y()),
                        this);
                });
            }
            run->append(double(p.at.toMSecsSinceEpoch()), p.value);
        }
    }
    const bool empty = !first.isValid();
    c->setTitle(empty ? tr("%1 — no data in this period").arg(m_title) : m_title);
    if (empty) {
        const QDateTime now = QDateTime::currentDateTime();
        setTimeRange(now.addSecs(-3600), now);
    } else {
        // One step: a minute either side, so the point is not on an axis.
        setTimeRange(first == last ? first.addSecs(-60) : first, first == last ? last.addSecs(60) : last);
    }
    // A little headroom, so the largest point is not cut by the frame.
    m_values->setRange(0, m_max > 0 ? m_max * 1.1 : 1);
}

void TimeSeriesChart::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    // Ends on whole minutes and, over a few minutes, a tick on each minute: evenly spread ticks over a
    // short span fall between minutes and print the same "HH:mm" twice.
    const qint64 fromSecs = from.toSecsSinceEpoch() / 60 * 60;
    const qint64 toSecs = (to.toSecsSinceEpoch() + 59) / 60 * 60;
    const qint64 minutes = std::max<qint64>(1, (toSecs - fromSecs) / 60);
    m_time->setTickCount(minutes <= 6 ? int(minutes) + 1 : 5);
    m_time->setFormat(minutes >= 24 * 60 ? u"dd MMM HH:mm"_s : u"HH:mm"_s);
    m_time->setRange(QDateTime::fromSecsSinceEpoch(fromSecs).toLocalTime(),
        QDateTime::fromSecsSinceEpoch(fromSecs + minutes * 60).toLocalTime());
}

QList<QLineSeries *> TimeSeriesChart::seriesOf(const QString &label) const
{
    QList<QLineSeries *> found;
    for (QAbstractSeries *s : chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(s); line && line->name() == label)
            found.append(line);
    }
    return found;
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void TimeSeriesChart::applyPalette()
{
    // The chart follows the window's palette and font (light or dark), not a Qt Charts theme.
    const QPalette &pal = palette();
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    setBackgroundBrush(pal.color(QPalette::Base));
    QFont bold = font();
    bold.setBold(true);
    c->setTitleFont(bold);
    c->setTitleBrush(pal.color(QPalette::Text));
    c->legend()->setFont(font());
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.15);
    QColor faint = pal.color(QPalette::Text);
    faint.setAlphaF(0.7);
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_values) }) {
        axis->setLabelsFont(small);
        axis->setLabelsColor(faint);
        axis->setTitleFont(small);
        axis->setTitleBrush(faint);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

QString TimeSeriesChart::format(double value) const
{
    const QString number = value >= 100 || value == std::floor(value) ? QLocale().toString(qint64(std::llround(value)))
                                                                      : QLocale().toString(value, 'f', 1);
    return m_unit.isEmpty() ? number : number + u' ' + m_unit;
}

} // namespace Ui
