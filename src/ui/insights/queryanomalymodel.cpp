#include "ui/insights/queryanomalymodel.h"

#include "core/patternsql.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

QueryAnomalyModel::QueryAnomalyModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void QueryAnomalyModel::setAnomalies(QList<Core::QueryAnomaly> anomalies)
{
    beginResetModel();
    m_anomalies = std::move(anomalies);
    endResetModel();
}

Core::AnomalyCorrelation QueryAnomalyModel::strongest(const Core::QueryAnomaly &anomaly)
{
    Core::AnomalyCorrelation best;
    for (const Core::AnomalyCorrelation &c : anomaly.correlations) {
        if (best.fingerprint.isEmpty() || c.r > best.r)
            best = c;
    }
    return best;
}

int QueryAnomalyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_anomalies.size());
}

int QueryAnomalyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryAnomalyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Core::QueryAnomaly &a = m_anomalies.at(index.row());
    const Core::AnomalyCorrelation top = strongest(a);
    if (role == FingerprintRole)
        return top.fingerprint;
    if (role == Qt::ToolTipRole && index.column() == PatternColumn) {
        QStringList lines;
        for (const Core::AnomalyCorrelation &c : a.correlations)
            lines << tr("r %1: %2").arg(QLocale().toString(c.r, 'f', 2), Core::PatternSql::readable(c.normalizedSql));
        return lines.join(u'\n');
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == MinutesColumn || index.column() == CorrelationColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case PeriodColumn: {
        const QString from = locale.toString(a.periodStart.toLocalTime(), QLocale::ShortFormat);
        if (a.active)
            return tr("%1 – ongoing").arg(from);
        const QString to = a.periodStart.toLocalTime().date() == a.periodEnd.toLocalTime().date()
            ? locale.toString(a.periodEnd.toLocalTime().time(), QLocale::ShortFormat)
            : locale.toString(a.periodEnd.toLocalTime(), QLocale::ShortFormat);
        return QString(from + u" – "_s + to);
    }
    case MinutesColumn:
        return tr("%n min", nullptr, int(a.minutesInViolation));
    case CorrelationColumn:
        return top.fingerprint.isEmpty() ? QString() : QString(locale.toString(top.r * 100, 'f', 0) + u" %"_s);
    case PatternColumn: {
        if (top.fingerprint.isEmpty())
            return tr("(no pattern named)");
        const QString sql = Core::PatternSql::readable(top.normalizedSql.simplified());
        return a.correlations.size() > 1 ? tr("%1 (+%n more)", nullptr, int(a.correlations.size() - 1)).arg(sql) : sql;
    }
    default:
        return {};
    }
}

QVariant QueryAnomalyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == CorrelationColumn)
        return tr("How closely the pattern's latency followed the anomaly (r)");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PeriodColumn:
        return tr("Period");
    case MinutesColumn:
        return tr("In violation");
    case CorrelationColumn:
        return tr("Correlation");
    case PatternColumn:
        return tr("Pattern");
    default:
        return {};
    }
}

} // namespace Ui
