#pragma once

#include "core/sqlsplitter.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace Ui {

// The bar under a query tab's results after PlanetScale's OLTP row limit stopped a statement: says so and
// offers to run it again after SET workload = olap (Core::VitessErrors), here or in a new tab on the
// branch's replica, or to dismiss the offer.
class OlapOffer : public QWidget
{
    Q_OBJECT
public:
    explicit OlapOffer(QWidget *parent = nullptr);

    // Shows the offer for `statement` (number `index` of its run); `limit` is the row limit the error named.
    void offer(const Core::SqlStatement &statement, int index, std::optional<qint64> limit);
    // The statement to run again (empty when nothing is offered); taking it withdraws the offer.
    Core::SqlStatement take();
    QString text() const;
    // Whether a replica can be proposed (a branch tab on the primary): PlanetScale recommends large reads there.
    void setReplicaAvailable(bool available);

Q_SIGNALS:
    void rerunRequested();
    void replicaRequested();

private:
    QLabel *m_text;
    QWidget *m_replica;
    Core::SqlStatement m_statement;
};

} // namespace Ui
