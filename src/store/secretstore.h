#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace Store {

// Passwords in the operating system's keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store) through QtKeychain. Asynchronous; every outcome is a value. When no keychain is
// available (headless machines, tests) the operations fail with code "keychain_unavailable" and the
// caller asks for the password each time: there is never a plaintext fallback.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr, QString service = QStringLiteral("Branchdeck"));

    using WriteCallback = std::function<void(Core::Result<void>)>;
    using ReadCallback = std::function<void(Core::Result<QString>)>;

    // The callback runs on this object's thread, and only while `context` is alive.
    void writePassword(const QString &key, const QString &password, QObject *context, WriteCallback done);
    void readPassword(const QString &key, QObject *context, ReadCallback done);
    // Deleting a password that does not exist succeeds.
    void deletePassword(const QString &key, QObject *context, WriteCallback done);

    QString service() const { return m_service; }

private:
    QString m_service;
};

} // namespace Store
