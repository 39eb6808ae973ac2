#pragma once

#include "local/httpconnection.h"

#include <QTcpServer>

namespace Local {

// The sandbox's HTTP listener on 127.0.0.1: accepts loopback peers only, keeps at most
// HttpLimits::maxConnections connections open (others get 503 and are closed at once, so a flood costs
// neither memory nor slots) and runs each one as an HttpConnection.
class HttpFront : public QTcpServer
{
    Q_OBJECT

public:
    HttpFront(HttpLimits limits, HttpConnection::Gate gate, HttpConnection::Handler handler, QObject *parent = nullptr);

    int openConnections() const { return m_open; }
    const HttpLimits &limits() const { return m_limits; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void turnAway(qintptr descriptor);

    HttpLimits m_limits;
    HttpConnection::Gate m_gate;
    HttpConnection::Handler m_handler;
    int m_open = 0;
};

} // namespace Local
