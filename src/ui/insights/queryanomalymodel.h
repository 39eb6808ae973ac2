#pragma once

#include "core/queryanomaly.h"

#include <QAbstractTableModel>
#include <QList>

namespace Ui {

// The anomalies of one branch (list_branch_anomalies) as a table, newest first as the server sent them:
// when, for how long (and whether it goes on), the pattern that followed it most closely and how closely
// (r, as a share of the anomaly's minutes). Few rows: no sorting of its own.
class QueryAnomalyModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PeriodColumn, MinutesColumn, CorrelationColumn, PatternColumn, ColumnCount };
    enum Role { FingerprintRole = Qt::UserRole + 1 };

    explicit QueryAnomalyModel(QObject *parent = nullptr);

    void setAnomalies(QList<Core::QueryAnomaly> anomalies);
    const Core::QueryAnomaly &anomaly(int row) const { return m_anomalies.at(row); }
    // The correlated pattern with the largest r; empty when the anomaly names none.
    static Core::AnomalyCorrelation strongest(const Core::QueryAnomaly &anomaly);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Core::QueryAnomaly> m_anomalies;
};

} // namespace Ui
