#include "ui/branches/keyspacebar.h"
#include "ui/common/plural.h"

#include "api/branchesresource.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <utility>

using namespace Qt::StringLiterals;

namespace Ui {

KeyspaceBar::KeyspaceBar(Api::ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_text(new QLabel(this))
    , m_choice(new QComboBox(this))
    , m_vschema(new QPushButton(tr("VSchema"), this))
{
    setObjectName(u"keyspaceBar"_s);
    m_text->setWordWrap(true);
    m_choice->setObjectName(u"keyspaceChoice"_s);
    m_vschema->setObjectName(u"vschemaButton"_s);
    m_vschema->setToolTip(tr("Show the keyspace's VSchema: how Vitess routes its tables"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_choice);
    layout->addWidget(m_vschema);
    connect(m_vschema, &QPushButton::clicked, this, &KeyspaceBar::showVSchema);
    clear();
}

void KeyspaceBar::clear()
{
    m_listRequest = 0;
    m_vschemaRequest = 0;
    m_keyspaces.clear();
    m_choice->clear();
    m_choice->setVisible(false);
    m_vschema->setEnabled(false);
    m_text->clear();
}

void KeyspaceBar::setBranch(const QString &org, const QString &database, const QString &branch)
{
    clear();
    m_org = org;
    m_database = database;
    m_branch = branch;
    if (!m_client)
        return;
    m_text->setText(tr("Loading keyspaces…"));
    m_listRequest = Api::BranchesResource(m_client).keyspaces(
        org, database, branch, this, [this](Api::ApiResult<QList<Core::Keyspace>> r) {
            if (r.requestId() != m_listRequest)
                return;
            m_listRequest = 0;
            if (!r) {
                m_text->setText(tr("Keyspaces not available: %1").arg(r.error().userText));
                Q_EMIT keyspacesLoaded(-1);
                return;
            }
            m_keyspaces = r.value();
            QStringList parts;
            for (const Core::Keyspace &k : std::as_const(m_keyspaces)) {
                parts << describe(k);
                m_choice->addItem(k.name);
            }
            m_text->setText(m_keyspaces.isEmpty() ? tr("No keyspaces.") : tr("Keyspaces: %1").arg(parts.join(u"; "_s)));
            m_choice->setVisible(m_keyspaces.size() > 1); // one keyspace needs no choice
            m_vschema->setEnabled(!m_keyspaces.isEmpty());
            Q_EMIT keyspacesLoaded(int(m_keyspaces.size()));
            if (!m_wanted.isEmpty())
                showVSchemaOf(std::exchange(m_wanted, QString()));
        });
}

void KeyspaceBar::showVSchemaOf(const QString &keyspace)
{
    if (m_listRequest != 0 || m_choice->count() == 0) {
        m_wanted = keyspace; // shown when the list comes
        return;
    }
    const int at = m_choice->findText(keyspace);
    if (at < 0)
        return;
    m_choice->setCurrentIndex(at);
    showVSchema();
}

QString KeyspaceBar::describe(const Core::Keyspace &k)
{
    const QString sharding
        = k.sharded ? countText(k.shards, tr("sharded, 1 shard"), tr("sharded, %n shards")) : tr("unsharded");
    return countText(k.replicas, tr("%1 (%2, 1 replica)"), tr("%1 (%2, %n replicas)")).arg(k.name, sharding);
}

void KeyspaceBar::showVSchema()
{
    const QString keyspace = m_choice->currentText();
    if (!m_client || keyspace.isEmpty())
        return;
    m_vschemaRequest = Api::BranchesResource(m_client).vschema(
        m_org, m_database, m_branch, keyspace, this, [this, keyspace](Api::ApiResult<QString> r) {
            if (r.requestId() != m_vschemaRequest)
                return;
            m_vschemaRequest = 0;
            if (!r) {
                Q_EMIT failed(tr("Could not load the VSchema of %1: %2").arg(keyspace, r.error().userText));
                return;
            }
            Q_EMIT vschemaLoaded(keyspace, r.value());
        });
}

QString KeyspaceBar::text() const
{
    return m_text->text();
}

} // namespace Ui
