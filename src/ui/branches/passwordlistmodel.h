#pragma once

#include "core/password.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <functional>

namespace Ui {

// The passwords of one branch: name, role (with "replica" when it reads from replicas), user name, age,
// expiry ("never", "in 40 min", "expired") and when it was last used. Ages follow a clock tests can set.
class PasswordListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, RoleColumn, UsernameColumn, AgeColumn, ExpiresColumn, LastUsedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ExpiredRole, RenewableRole, ReplicaRole };

    explicit PasswordListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setPasswords(const QList<Core::Password> &passwords);
    void updatePassword(const Core::Password &password); // by id; appended when new
    void removePassword(const QString &id);
    const Core::Password &password(int row) const { return m_passwords.at(row); }
    int rowOf(const QString &id) const;
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // "never", "expired", "in 5 min", "in 3 h", "in 2 d".
    static QString expiryText(const Core::Password &password, const QDateTime &now);

private:
    QDateTime now() const;

    QList<Core::Password> m_passwords;
    std::function<QDateTime()> m_clock;
};

} // namespace Ui
