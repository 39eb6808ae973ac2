#include "ui/editor/olapoffer.h"

#include "core/vitesserrors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Ui {

OlapOffer::OlapOffer(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
{
    setObjectName(u"olapOffer"_s);
    m_text->setWordWrap(true);
    auto *rerun = new QPushButton(tr("Re-run with %1").arg(Core::VitessErrors::olapStatement()), this);
    rerun->setObjectName(u"olapRerun"_s);
    auto *replica = new QPushButton(tr("Open on Replica"), this);
    replica->setObjectName(u"olapReplica"_s);
    replica->setToolTip(
        tr("A new tab on the branch's replica with %1 and this statement").arg(Core::VitessErrors::olapStatement()));
    replica->hide();
    m_replica = replica;
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(rerun);
    layout->addWidget(replica);
    layout->addWidget(dismiss);
    connect(rerun, &QPushButton::clicked, this, &OlapOffer::rerunRequested);
    connect(replica, &QPushButton::clicked, this, &OlapOffer::replicaRequested);
    connect(dismiss, &QPushButton::clicked, this, [this] {
        m_statement = {};
        hide();
    });
    hide();
}

void OlapOffer::offer(const Core::SqlStatement &statement, int index, std::optional<qint64> limit)
{
    m_statement = statement;
    const QString rows = limit ? QLocale().toString(*limit) : tr("a limited number of");
    // The setting outlives the statement: the tab keeps its session, so later reads run as OLAP too.
    m_text->setText(tr("PlanetScale stopped statement %1: an OLTP read may return at most %2 rows. Run it again "
                       "after %3? The setting stays for this tab's session; PlanetScale recommends large reads "
                       "on a replica.")
                        .arg(index + 1)
                        .arg(rows, Core::VitessErrors::olapStatement()));
    show();
}

Core::SqlStatement OlapOffer::take()
{
    hide();
    return std::exchange(m_statement, {});
}

void OlapOffer::setReplicaAvailable(bool available)
{
    m_replica->setVisible(available);
}

QString OlapOffer::text() const
{
    return m_text->text();
}

} // namespace Ui
