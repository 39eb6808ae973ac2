#pragma once

#include "local/httpcall.h"
#include "local/httphead.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QTcpSocket;

namespace Local {

// One client connection of the sandbox's HTTP front: reads a request head (bounded, timed), asks the gate
// whether the request may go on — before any byte of the body is read — then reads exactly the announced
// body (bounded, timed), hands the request to the handler and writes the answer. HTTP/1.1 keep-alive and
// pipelining are kept; chunked request bodies are refused (411). A refused request gets its {code, message}
// answer and the connection is closed after a short linger that discards, never buffers, unread input.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    // Decides from the head alone: nullopt lets the body be read, an answer refuses the request.
    using Gate = std::function<std::optional<HttpAnswer>(const HttpHead &)>;
    using Handler = std::function<HttpAnswer(const HttpHead &, const QByteArray &body)>;

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, Gate gate, Handler handler, QObject *parent = nullptr);
    ~HttpConnection() override;

    // A complete HTTP/1.1 response carrying the answer as JSON (204: no body).
    static QByteArray render(const HttpAnswer &answer, bool keepAlive);

Q_SIGNALS:
    void closed();

private:
    enum class State { Idle, Head, Body, Closing };

    void process();
    bool readHead();
    bool readBody();
    void onTimeout();
    void respond(const HttpAnswer &answer, bool keepAlive);
    void refuse(const HttpAnswer &answer);
    void enter(State state, int timeoutMs);
    void finish();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    Gate m_gate;
    Handler m_handler;
    QTimer m_timer;
    State m_state = State::Idle;
    QByteArray m_buffer; // the head being read, then the body (never more than the limits allow)
    std::optional<HttpHead> m_head;
    qint64 m_discarded = 0; // bytes dropped while closing
    bool m_processing = false;
    bool m_finished = false;
};

} // namespace Local
