#include "faultproxy.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <limits>
#include <optional>

namespace {

constexpr qint64 Unlimited = std::numeric_limits<qint64>::max();

struct Chunk
{
    QByteArray data;
    qint64 dueMs = 0;
};

// One direction of a connection: what arrived and waits, what passed.
struct Direction
{
    std::deque<Chunk> queue;
    qint64 passed = 0;
    double tokens = 0; // bandwidth budget (bytes)
    qint64 tokensAtMs = -1;
    bool sourceClosed = false;
};

// A budget left before a threshold (limit, reset, close) is reached; Unlimited when the threshold is off.
qint64 left(qint64 threshold, qint64 passed)
{
    return threshold < 0 ? Unlimited : std::max<qint64>(0, threshold - passed);
}

// Closing with SO_LINGER {on, 0} sends RST instead of FIN.
void resetSocket(QTcpSocket *socket)
{
    if (!socket)
        return;
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger hard { 1, 0 };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    socket->abort();
}

} // namespace

class FaultProxyEngine : public QObject
{
public:
    struct Pipe
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        std::optional<FaultProxy::Faults> own; // faults of this connection only (setFaultsForNext)
        Direction up; // client → server
        Direction down; // server → client
        QTimer *timer = nullptr;
        bool finished = false;
    };

    FaultProxyEngine(QString host, quint16 port)
        : m_upstreamHost(std::move(host))
        , m_upstreamPort(port)
    {
        m_clock.start();
    }

    ~FaultProxyEngine() override
    {
        qDeleteAll(m_pipes);
        qDeleteAll(m_finished);
    }

    // Engine thread.
    bool listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return false;
        m_port.store(m_server->serverPort());
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server->nextPendingConnection())
                accept(client);
        });
        return true;
    }

    void stopListening() { m_server->close(); }
    bool resumeListening() { return m_server->listen(QHostAddress::LocalHost, m_port.load()); }

    void shutdown()
    {
        const auto pipes = m_pipes;
        for (Pipe *pipe : pipes)
            finish(pipe, false);
        if (m_server)
            m_server->close();
    }

    // Any thread.
    void setFaults(const FaultProxy::Faults &faults)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_faults = faults;
        }
        pumpAllLater();
    }

    void setFaultsForNext(int connections, const FaultProxy::Faults &faults)
    {
        QMutexLocker lock(&m_mutex);
        m_next = faults;
        m_nextCount = connections;
    }

    void setUpstream(const QString &host, quint16 port)
    {
        QMutexLocker lock(&m_mutex);
        m_upstreamHost = host;
        m_upstreamPort = port;
    }

    void resetAllLater()
    {
        QMetaObject::invokeMethod(this, [this] {
            const auto pipes = m_pipes;
            for (Pipe *pipe : pipes)
                finish(pipe, true);
        });
    }

    std::atomic<quint16> m_port { 0 };
    std::atomic<int> m_accepted { 0 };
    std::atomic<int> m_open { 0 };
    std::atomic<qint64> m_bytesUp { 0 };
    std::atomic<qint64> m_bytesDown { 0 };

private:
    FaultProxy::Faults faultsOf(const Pipe *pipe) const
    {
        if (pipe->own)
            return *pipe->own;
        QMutexLocker lock(&m_mutex);
        return m_faults;
    }

    void pumpAllLater()
    {
        QMetaObject::invokeMethod(this, [this] {
            const auto pipes = m_pipes;
            for (Pipe *pipe : pipes)
                pump(pipe);
        });
    }

    void accept(QTcpSocket *client)
    {
        auto *pipe = new Pipe;
        pipe->client = client;
        pipe->server = new QTcpSocket(this);
        pipe->timer = new QTimer(this);
        pipe->timer->setSingleShot(true);
        QString host;
        quint16 port = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_nextCount > 0) {
                pipe->own = m_next;
                --m_nextCount;
            }
            host = m_upstreamHost;
            port = m_upstreamPort;
        }
        m_pipes.append(pipe);
        m_accepted.fetch_add(1);
        m_open.fetch_add(1);
        connect(pipe->timer, &QTimer::timeout, this, [this, pipe] { pump(pipe); });
        connect(client, &QTcpSocket::readyRead, this, [this, pipe] { arrive(pipe, pipe->client, pipe->up); });
        connect(pipe->server, &QTcpSocket::readyRead, this, [this, pipe] { arrive(pipe, pipe->server, pipe->down); });
        connect(pipe->server, &QTcpSocket::connected, this, [this, pipe] { pump(pipe); });
        connect(client, &QTcpSocket::disconnected, this, [this, pipe] { sourceClosed(pipe, pipe->up); });
        connect(pipe->server, &QTcpSocket::disconnected, this, [this, pipe] { sourceClosed(pipe, pipe->down); });
        connect(pipe->server, &QTcpSocket::errorOccurred, this, [this, pipe](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                sourceClosed(pipe, pipe->down);
        });
        pipe->server->connectToHost(host, port);
        arrive(pipe, client, pipe->up);
    }

    void arrive(Pipe *pipe, QTcpSocket *from, Direction &direction)
    {
        if (pipe->finished)
            return;
        const QByteArray data = from->readAll();
        if (data.isEmpty())
            return;
        direction.queue.push_back({ data, m_clock.elapsed() + faultsOf(pipe).latencyMs });
        pump(pipe);
    }

    void sourceClosed(Pipe *pipe, Direction &direction)
    {
        if (pipe->finished)
            return;
        direction.sourceClosed = true;
        pump(pipe);
    }

    // Moves what may pass now; arms the timer for what becomes due later.
    void pump(Pipe *pipe)
    {
        if (pipe->finished)
            return;
        const FaultProxy::Faults faults = faultsOf(pipe);
        qint64 wakeInMs = -1;
        const auto wake = [&](qint64 ms) { wakeInMs = wakeInMs < 0 ? ms : std::min(wakeInMs, ms); };
        if (!faults.blackhole) {
            if (pipe->server->state() == QAbstractSocket::ConnectedState) {
                if (!forward(pipe, pipe->up, pipe->server, faults, true, wake))
                    return;
            }
            if (!forward(pipe, pipe->down, pipe->client, faults, false, wake))
                return;
        }
        // A side that closed: once everything it sent has passed (or can never pass: held by a fault), close
        // the other side too.
        const auto done = [&](const Direction &d, qint64 limit) {
            return d.sourceClosed && (d.queue.empty() || faults.blackhole || (limit >= 0 && d.passed >= limit));
        };
        if (done(pipe->up, faults.upstreamLimit) || done(pipe->down, faults.downstreamLimit)) {
            finish(pipe, false);
            return;
        }
        if (wakeInMs >= 0)
            pipe->timer->start(int(std::max<qint64>(1, wakeInMs)));
    }

    // False when the connection ended (reset or closed by a fault).
    template<typename Wake>
    bool forward(Pipe *pipe, Direction &d, QTcpSocket *to, const FaultProxy::Faults &faults, bool upstream, Wake wake)
    {
        const qint64 now = m_clock.elapsed();
        const qint64 limit = upstream ? faults.upstreamLimit : faults.downstreamLimit;
        const qint64 reset = upstream ? faults.resetAfterUpstream : faults.resetAfterDownstream;
        const qint64 close = upstream ? -1 : faults.closeAfterDownstream;
        while (!d.queue.empty()) {
            Chunk &chunk = d.queue.front();
            if (chunk.dueMs > now) {
                wake(chunk.dueMs - now);
                return true;
            }
            qint64 n = std::min(
                { qint64(chunk.data.size()), left(limit, d.passed), left(reset, d.passed), left(close, d.passed) });
            if (faults.bytesPerSecond > 0) {
                const double cap = std::max(1.0, double(faults.bytesPerSecond) / 10.0);
                if (d.tokensAtMs < 0)
                    d.tokens = cap;
                else
                    d.tokens
                        = std::min(cap, d.tokens + double(now - d.tokensAtMs) * double(faults.bytesPerSecond) / 1000.0);
                d.tokensAtMs = now;
                n = std::min(n, qint64(d.tokens));
                if (n <= 0 && left(limit, d.passed) > 0) {
                    wake(10);
                    return true;
                }
                d.tokens -= double(std::max<qint64>(0, n));
            }
            if (n > 0) {
                to->write(chunk.data.constData(), n);
                d.passed += n;
                (upstream ? m_bytesUp : m_bytesDown).fetch_add(n);
                chunk.data.remove(0, n);
                if (chunk.data.isEmpty())
                    d.queue.pop_front();
            }
            if (reset >= 0 && d.passed >= reset) {
                to->flush();
                finish(pipe, true);
                return false;
            }
            if (close >= 0 && d.passed >= close) {
                finish(pipe, false);
                return false;
            }
            if (n <= 0)
                return true; // held by a limit: a stall, nothing wakes it
        }
        return true;
    }

    void finish(Pipe *pipe, bool reset)
    {
        if (pipe->finished)
            return;
        pipe->finished = true;
        m_pipes.removeOne(pipe);
        m_open.fetch_sub(1);
        pipe->timer->stop();
        for (QTcpSocket *socket : { pipe->client, pipe->server }) {
            socket->disconnect(this);
            if (reset) {
                resetSocket(socket);
            } else {
                socket->flush();
                socket->disconnectFromHost();
            }
            socket->deleteLater();
        }
        pipe->timer->disconnect(this);
        pipe->timer->deleteLater();
        m_finished.append(pipe); // lambdas may still name it; freed with the engine
    }

    mutable QMutex m_mutex;
    FaultProxy::Faults m_faults;
    FaultProxy::Faults m_next;
    int m_nextCount = 0;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QTcpServer *m_server = nullptr;
    QList<Pipe *> m_pipes;
    QList<Pipe *> m_finished;
    QElapsedTimer m_clock;
};

FaultProxy::FaultProxy(QString upstreamHost, quint16 upstreamPort)
    : m_thread(std::make_unique<QThread>())
    , m_engine(new FaultProxyEngine(std::move(upstreamHost), upstreamPort))
{
    m_thread->setObjectName(QStringLiteral("fault-proxy"));
    m_engine->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_engine, &QObject::deleteLater);
}

FaultProxy::~FaultProxy()
{
    if (m_thread->isRunning()) {
        FaultProxyEngine *engine = m_engine;
        QMetaObject::invokeMethod(
            engine, [engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    } else {
        delete m_engine;
    }
}

bool FaultProxy::start()
{
    m_thread->start();
    bool ok = false;
    FaultProxyEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, &ok] { ok = engine->listen(); }, Qt::BlockingQueuedConnection);
    return ok;
}

quint16 FaultProxy::port() const
{
    return m_engine->m_port.load();
}

void FaultProxy::setFaults(const Faults &faults)
{
    m_engine->setFaults(faults);
}

void FaultProxy::setFaultsForNext(int connections, const Faults &faults)
{
    m_engine->setFaultsForNext(connections, faults);
}

void FaultProxy::setUpstream(const QString &host, quint16 port)
{
    m_engine->setUpstream(host, port);
}

void FaultProxy::resetAll()
{
    m_engine->resetAllLater();
}

void FaultProxy::stopListening()
{
    FaultProxyEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine] { engine->stopListening(); }, Qt::BlockingQueuedConnection);
}

bool FaultProxy::resumeListening()
{
    bool ok = false;
    FaultProxyEngine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, &ok] { ok = engine->resumeListening(); }, Qt::BlockingQueuedConnection);
    return ok;
}

int FaultProxy::connectionsAccepted() const
{
    return m_engine->m_accepted.load();
}

int FaultProxy::openConnections() const
{
    return m_engine->m_open.load();
}

qint64 FaultProxy::bytesUpstream() const
{
    return m_engine->m_bytesUp.load();
}

qint64 FaultProxy::bytesDownstream() const
{
    return m_engine->m_bytesDown.load();
}
