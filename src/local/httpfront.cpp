#include "local/httpfront.h"

#include <QTcpSocket>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Local {

HttpFront::HttpFront(HttpLimits limits, HttpConnection::Gate gate, HttpConnection::Handler handler, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_gate(std::move(gate))
    , m_handler(std::move(handler))
{ }

void HttpFront::incomingConnection(qintptr descriptor)
{
    if (m_open >= m_limits.maxConnections) {
        turnAway(descriptor);
        return;
    }
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    // Loopback only, whatever the listening address: a second line of defence.
    if (!socket->peerAddress().isLoopback()) {
        socket->abort();
        delete socket;
        return;
    }
    ++m_open;
    auto *connection = new HttpConnection(socket, m_limits, m_gate, m_handler, this);
    connect(connection, &HttpConnection::closed, this, [this] { --m_open; });
}

void HttpFront::turnAway(qintptr descriptor)
{
    // Answered without reading anything and without keeping any state: one non-blocking send, then close.
    const QByteArray answer = HttpConnection::render(
        HttpAnswer::error(503, u"too_many_connections"_s, u"Too many open connections; try again."_s), false);
    (void)::send(int(descriptor), answer.constData(), size_t(answer.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(int(descriptor), SHUT_WR);
    ::close(int(descriptor));
}

} // namespace Local
