#pragma once

#include "local/deploysettings.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace Local {

class DeployWorker;
class ServerKeeper;

// Owns the deploy worker's thread. The API handlers record a state change in the metadata and call wake();
// the worker does the rest on its own connection, so HTTP answers never wait for a table copy.
class DeployQueue : public QObject
{
    Q_OBJECT

public:
    DeployQueue(std::shared_ptr<ServerKeeper> keeper, DeploySettings settings, QObject *parent = nullptr);
    ~DeployQueue() override;

    void start();
    void wake();
    // Asks for the server's copier (see DeployWorker::claimCopier) or stops asking; any thread.
    void claimCopier(bool claim);
    const DeploySettings &settings() const { return m_settings; }

Q_SIGNALS:
    void failed(const QString &message);
    void pumped(); // after the worker ran out of work (tests wait on it)

private:
    DeploySettings m_settings;
    QThread m_thread;
    DeployWorker *m_worker = nullptr;
};

} // namespace Local
