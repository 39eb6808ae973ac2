#include "store/secretstore.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Store {

namespace {

Core::Error keychainError(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        return Core::makeError(u"keychain_not_found"_s, u"No password is saved for this connection."_s);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Core::makeError(
            u"keychain_denied"_s, u"Access to the system keychain was denied."_s, job->errorString());
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Core::makeError(u"keychain_unavailable"_s,
            u"No system keychain is available: the password is not stored and will be asked "
            u"for each time."_s,
            job->errorString());
    default:
        break;
    }
    // QtKeychain reports a missing Secret Service over D-Bus as OtherError; keep it recognisable.
    return Core::makeError(u"keychain_unavailable"_s,
        u"The system keychain could not be used: the password is not stored and will be asked "
        u"for each time."_s,
        job->errorString());
}

template<typename JobType> JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never write the secret to a plain file
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent, QString service)
    : QObject(parent)
    , m_service(std::move(service))
{ }

void SecretStore::writePassword(const QString &key, const QString &password, QObject *context, WriteCallback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError)
            done({});
        else
            done(keychainError(finished));
    });
    job->start();
}

void SecretStore::readPassword(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError)
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
        else
            done(keychainError(finished));
    });
    job->start();
}

void SecretStore::deletePassword(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound)
            done({});
        else
            done(keychainError(finished));
    });
    job->start();
}

} // namespace Store
