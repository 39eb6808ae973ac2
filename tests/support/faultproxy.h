#pragma once

#include <QString>

#include <memory>

class FaultProxyEngine;
class QThread;

// A loopback TCP proxy for fault tests: listens on 127.0.0.1 (a free port) and forwards each connection to
// an upstream server (the fixture's MariaDB, the sandbox's API), injecting faults on the way. It runs on a
// thread of its own, so it keeps forwarding while the test thread is blocked in a synchronous call.
//
//   FaultProxy proxy(u"127.0.0.1"_s, db.port);
//   QVERIFY(proxy.start());
//   options.port = proxy.port();                       // the client connects through the proxy
//   proxy.setFaults({ .blackhole = true });            // from now on nothing passes, either way
//
// Faults apply to every connection, open or new (setFaults), or only to the next n connections accepted
// (setFaultsForNext), so a retry that opens a fresh connection can pass.
class FaultProxy
{
public:
    struct Faults
    {
        int latencyMs = 0; // every chunk is delivered this much later, each direction
        qint64 bytesPerSecond = 0; // bandwidth cap per connection and direction; 0: none
        bool blackhole = false; // accepts, never answers: nothing passes either way (held, not dropped)
        qint64 upstreamLimit = -1; // client → server bytes passed per connection; the rest is held (stall)
        qint64 downstreamLimit = -1; // server → client likewise
        qint64 resetAfterDownstream = -1; // after this many server → client bytes, both sides are reset (RST)
        qint64 resetAfterUpstream = -1; // after this many client → server bytes, both sides are reset
        qint64 closeAfterDownstream = -1; // after this many server → client bytes, both sides are closed (FIN)
    };

    FaultProxy(QString upstreamHost, quint16 upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    bool start(); // listens on 127.0.0.1, port 0
    quint16 port() const;
    QString host() const { return QStringLiteral("127.0.0.1"); }

    void setFaults(const Faults &faults);
    void setFaultsForNext(int connections, const Faults &faults);
    void clearFaults() { setFaults({}); }
    void setUpstream(const QString &host, quint16 port); // for connections accepted from now on
    void resetAll(); // RST on every open connection, both sides
    // Stops listening (new connections are refused by the system) and listens again on the same port.
    void stopListening();
    bool resumeListening();

    int connectionsAccepted() const;
    int openConnections() const;
    qint64 bytesUpstream() const; // client → server bytes delivered, all connections
    qint64 bytesDownstream() const;

private:
    std::unique_ptr<QThread> m_thread;
    FaultProxyEngine *m_engine = nullptr; // lives on m_thread
};
