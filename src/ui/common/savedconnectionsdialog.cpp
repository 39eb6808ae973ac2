#include "ui/common/savedconnectionsdialog.h"

#include "store/profilestore.h"
#include "store/secretstore.h"
#include "ui/common/connectionprofiledialog.h"
#include "ui/common/statusline.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {
constexpr int IdRole = Qt::UserRole + 1;

QString describe(const Store::ConnectionProfile &p)
{
    const QString where
        = p.socket.isEmpty() ? u"%1@%2:%3"_s.arg(p.user, p.host).arg(p.port) : u"%1@%2"_s.arg(p.user, p.socket);
    QString text = p.displayName() + u"  —  "_s + where;
    if (!p.database.isEmpty())
        text += u'/' + p.database;
    if (p.tlsMode == Store::TlsMode::Disabled)
        text += u"  ("_s + SavedConnectionsDialog::tr("no TLS") + u')';
    if (p.production)
        text += u"  ["_s + SavedConnectionsDialog::tr("production") + u']';
    return text;
}
} // namespace

SavedConnectionsDialog::SavedConnectionsDialog(
    Store::ProfileStore *profiles, Store::SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_list(new QListWidget(this))
    , m_status(new StatusLine(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_remove(new QPushButton(tr("&Delete"), this))
{
    setObjectName(u"savedConnectionsDialog"_s);
    setWindowTitle(tr("Saved Connections"));
    m_list->setObjectName(u"savedConnectionsList"_s);
    auto *add = new QPushButton(tr("&New…"), this);
    m_connect->setDefault(true);
    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : { m_connect, add, m_edit, m_remove })
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, &SavedConnectionsDialog::connectSelected);
    connect(m_list, &QListWidget::itemActivated, this, &SavedConnectionsDialog::connectSelected);
    connect(add, &QPushButton::clicked, this, &SavedConnectionsDialog::addProfile);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (auto p = m_profiles->profile(selectedId()); p.ok())
            editProfile(p.value());
    });
    connect(m_remove, &QPushButton::clicked, this, &SavedConnectionsDialog::confirmRemove);
    connect(m_list, &QListWidget::currentRowChanged, this, &SavedConnectionsDialog::updateButtons);
    reload();
    resize(560, 320);
}

void SavedConnectionsDialog::reload()
{
    const QString keep = selectedId();
    m_list->clear();
    auto profiles = m_profiles->profiles();
    if (!profiles.ok()) {
        m_status->showError(profiles.error().message);
        updateButtons();
        return;
    }
    for (const Store::ConnectionProfile &p : profiles.value()) {
        auto *item = new QListWidgetItem(describe(p), m_list);
        item->setData(IdRole, p.id);
    }
    if (m_list->count() == 0)
        m_status->showMessage(tr("No saved connections yet: New… adds one."));
    select(keep);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

int SavedConnectionsDialog::count() const
{
    return m_list->count();
}

QString SavedConnectionsDialog::nameAt(int row) const
{
    QListWidgetItem *item = m_list->item(row);
    return item ? item->text() : QString();
}

void SavedConnectionsDialog::select(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(IdRole).toString() == id)
            m_list->setCurrentRow(row);
    }
}

QString SavedConnectionsDialog::selectedId() const
{
    QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toString() : QString();
}

QString SavedConnectionsDialog::message() const
{
    return m_status->text();
}

Core::Result<Store::ConnectionProfile> SavedConnectionsDialog::saveProfile(
    const Store::ConnectionProfile &profile, const QString &password, bool savePassword)
{
    auto stored = m_profiles->save(profile);
    if (!stored.ok()) {
        m_status->showError(tr("Could not save %1: %2").arg(profile.displayName(), stored.error().message));
        return stored;
    }
    const Store::ConnectionProfile p = stored.value();
    m_status->showMessage(tr("Saved %1.").arg(p.displayName()));
    if (!password.isEmpty()) {
        m_typed.insert(p.id, password);
        if (savePassword) {
            m_secrets->writePassword(p.id, password, this, [this, name = p.displayName()](Core::Result<void> r) {
                if (!r.ok())
                    m_status->showMessage(tr("Saved %1; the password is not in the keychain (%2), so it is asked "
                                             "for when you connect.")
                                              .arg(name, r.error().message),
                        Tone::Warning);
            });
        }
    }
    reload();
    select(p.id);
    return p;
}

Core::Result<void> SavedConnectionsDialog::removeSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return Core::makeError(u"nothing_selected"_s, tr("Select a connection first."));
    auto removed = m_profiles->remove(id);
    if (!removed.ok()) {
        m_status->showError(removed.error().message);
        return removed;
    }
    m_typed.remove(id);
    m_secrets->deletePassword(id, this, [](Core::Result<void>) {}); // nothing there is fine too
    reload();
    return {};
}

void SavedConnectionsDialog::connectSelected()
{
    auto p = m_profiles->profile(selectedId());
    if (!p.ok())
        return m_status->showError(tr("Select a connection first."));
    Q_EMIT connectRequested(p.value(), m_typed.value(p->id));
}

void SavedConnectionsDialog::editProfile(const Store::ConnectionProfile &profile)
{
    ConnectionProfileDialog dialog(this);
    dialog.setWindowTitle(profile.id.isEmpty() ? tr("New Connection") : tr("Edit %1").arg(profile.displayName()));
    dialog.setProfile(profile);
    if (dialog.exec() == QDialog::Accepted)
        (void)saveProfile(dialog.profile(), dialog.password(), dialog.savePassword()); // errors are shown
}

void SavedConnectionsDialog::confirmRemove()
{
    auto p = m_profiles->profile(selectedId());
    if (!p.ok())
        return;
    if (QMessageBox::question(this, tr("Delete Connection"),
            tr("Delete the saved connection %1 and its password in the keychain?").arg(p->displayName()))
        == QMessageBox::Yes)
        (void)removeSelected(); // errors are shown
}

void SavedConnectionsDialog::updateButtons()
{
    const bool selected = !selectedId().isEmpty();
    m_connect->setEnabled(selected);
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
}

} // namespace Ui
