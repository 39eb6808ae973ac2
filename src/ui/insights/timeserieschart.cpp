#include "ui/insights/timeserieschart.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ui {

TimeSeriesChart::TimeSeriesChart(QString title, QString unit, QWidget *parent)
    : QWidget(parent)
    , m_title(std::move(title))
    , m_unit(std::move(unit))
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void TimeSeriesChart::setLines(QList<Line> lines)
{
    m_lines = std::move(lines);
    m_max = 0;
    for (const Line &l : m_lines) {
        for (const Core::MetricPoint &p : l.points) {
            if (p.hasValue())
                m_max = std::max(m_max, p.value);
        }
    }
    m_hover = -1;
    update();
}

QRectF TimeSeriesChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const qreal left = fm.horizontalAdvance(u"0000.0 ms"_s) + 8;
    return QRectF(left, fm.height() + 6, width() - left - 8, height() - 2 * fm.height() - 14);
}

QString TimeSeriesChart::format(double value) const
{
    const QString number = value >= 100 || value == std::floor(value) ? QLocale().toString(qint64(std::llround(value)))
                                                                      : QLocale().toString(value, 'f', 1);
    return m_unit.isEmpty() ? number : number + u' ' + m_unit;
}

int TimeSeriesChart::stepAt(int x) const
{
    const qsizetype n = m_lines.isEmpty() ? 0 : m_lines.first().points.size();
    if (n == 0)
        return -1;
    const QRectF plot = plotRect();
    if (n == 1)
        return 0;
    const double f = (double(x) - plot.left()) / plot.width();
    return int(std::clamp<double>(std::round(f * double(n - 1)), 0, double(n - 1)));
}

void TimeSeriesChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics fm = fontMetrics();
    const QRectF plot = plotRect();
    QColor grid = pal.color(QPalette::WindowText);
    grid.setAlphaF(0.15);
    QColor faint = pal.color(QPalette::WindowText);
    faint.setAlphaF(0.6);

    // Title and legend on the first line.
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QPointF(plot.left(), fm.ascent() + 2), m_title);
    qreal x = plot.left() + QFontMetrics(bold).horizontalAdvance(m_title) + 16;
    p.setFont(font());
    for (const Line &l : m_lines) {
        p.fillRect(QRectF(x, fm.ascent() - 6, 10, 4), l.color);
        p.drawText(QPointF(x + 14, fm.ascent() + 2), l.label);
        x += 14 + fm.horizontalAdvance(l.label) + 12;
    }

    p.setPen(grid);
    for (int i = 0; i <= 2; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / 2.0;
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    p.setPen(faint);
    const double top = m_max > 0 ? m_max : 1;
    p.drawText(QRectF(0, plot.top() - fm.height() / 2.0, plot.left() - 6, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, format(m_max));
    p.drawText(QRectF(0, plot.bottom() - fm.height() / 2.0, plot.left() - 6, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, format(0));

    const qsizetype n = m_lines.isEmpty() ? 0 : m_lines.first().points.size();
    if (n == 0) {
        p.drawText(plot, Qt::AlignCenter, tr("No data in this period"));
        return;
    }
    const QLocale locale;
    const auto &first = m_lines.first().points;
    p.drawText(QPointF(plot.left(), plot.bottom() + fm.ascent() + 4),
        locale.toString(first.first().at.toLocalTime().time(), QLocale::ShortFormat));
    const QString lastTime = locale.toString(first.last().at.toLocalTime().time(), QLocale::ShortFormat);
    p.drawText(QPointF(plot.right() - fm.horizontalAdvance(lastTime), plot.bottom() + fm.ascent() + 4), lastTime);

    const auto xAt = [&](qsizetype i) {
        return n == 1 ? plot.center().x() : plot.left() + plot.width() * double(i) / double(n - 1);
    };
    const auto yAt = [&](double v) { return plot.bottom() - plot.height() * v / top; };
    for (const Line &l : m_lines) {
        QPainterPath path;
        bool open = false;
        for (qsizetype i = 0; i < l.points.size() && i < n; ++i) {
            if (!l.points[i].hasValue()) {
                open = false;
                continue;
            }
            const QPointF pt(xAt(i), yAt(l.points[i].value));
            if (open)
                path.lineTo(pt);
            else
                path.moveTo(pt);
            open = true;
            // Single points of a broken line stay visible.
            p.setPen(Qt::NoPen);
            p.setBrush(l.color);
            p.drawEllipse(pt, 1.8, 1.8);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(l.color, 1.6));
        p.drawPath(path);
    }

    if (m_hover >= 0 && m_hover < n) {
        const qreal hx = xAt(m_hover);
        p.setPen(faint);
        p.drawLine(QPointF(hx, plot.top()), QPointF(hx, plot.bottom()));
        QStringList parts { locale.toString(first[m_hover].at.toLocalTime(), QLocale::ShortFormat) };
        for (const Line &l : m_lines) {
            const Core::MetricPoint &pt = l.points.value(m_hover);
            parts << l.label + u": "_s + (pt.hasValue() ? format(pt.value) : u"–"_s);
        }
        const QString text = parts.join(u"  "_s);
        const qreal w = fm.horizontalAdvance(text) + 8;
        QRectF box(std::clamp(hx - w / 2, 0.0, width() - w), plot.top(), w, fm.height() + 4);
        QColor back = pal.color(QPalette::ToolTipBase);
        p.fillRect(box, back);
        p.setPen(pal.color(QPalette::ToolTipText));
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    const int step = stepAt(int(event->position().x()));
    if (step != m_hover) {
        m_hover = step;
        update();
    }
}

void TimeSeriesChart::leaveEvent(QEvent *)
{
    m_hover = -1;
    update();
}

} // namespace Ui
