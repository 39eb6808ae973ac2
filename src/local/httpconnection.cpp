#include "local/httpconnection.h"

#include <QJsonDocument>
#include <QTcpSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

constexpr qint64 socketBufferBytes = 64 * 1024; // what Qt may hold for us before TCP pushes back

QByteArray reason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return status >= 500 ? "Internal Server Error" : "Error";
    }
}

bool knownMethod(const QByteArray &method)
{
    return method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Where the head ends: the index just past its blank line, or -1.
qsizetype headEnd(const QByteArray &buffer, qsizetype *headLength)
{
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
        *headLength = crlf;
        return crlf + 4;
    }
    if (lf >= 0) {
        *headLength = lf;
        return lf + 2;
    }
    return -1;
}

} // namespace

HttpConnection::HttpConnection(
    QTcpSocket *socket, const HttpLimits &limits, Gate gate, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_gate(std::move(gate))
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(socketBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        // A refusal is out: stop sending (the client sees the end of the answer) and drain for a moment.
        if (m_state == State::Closing && m_socket->bytesToWrite() == 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    });
    enter(State::Idle, m_limits.idleTimeoutMs);
    // Bytes may already be waiting; read them once the front door has connected to closed().
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::enter(State state, int timeoutMs)
{
    m_state = state;
    m_timer.start(timeoutMs);
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_socket->abort();
    Q_EMIT closed();
    deleteLater();
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Idle:
        finish(); // nothing was asked: just close
        break;
    case State::Head:
    case State::Body:
        refuse(HttpAnswer::error(408, u"request_timeout"_s, u"The request did not arrive in time."_s));
        break;
    case State::Closing:
        finish();
        break;
    }
}

void HttpConnection::process()
{
    if (m_processing || m_finished)
        return;
    m_processing = true;
    bool progressed = true;
    while (progressed && !m_finished) {
        switch (m_state) {
        case State::Idle:
        case State::Head:
            progressed = readHead();
            break;
        case State::Body:
            progressed = readBody();
            break;
        case State::Closing: {
            // Discard, never keep: a refused client may still be sending its body.
            const QByteArray dropped = m_socket->read(socketBufferBytes);
            m_discarded += dropped.size();
            if (m_discarded > m_limits.maxBodyBytes)
                finish();
            progressed = !dropped.isEmpty();
            break;
        }
        }
    }
    m_processing = false;
}

bool HttpConnection::readHead()
{
    const qsizetype room = m_limits.maxHeadBytes + 4 - m_buffer.size();
    const QByteArray chunk = room > 0 ? m_socket->read(room) : QByteArray();
    m_buffer += chunk;
    if (m_buffer.isEmpty())
        return false;
    if (m_state == State::Idle) {
        enter(State::Head, m_limits.headTimeoutMs);
        if (m_buffer.trimmed().isEmpty()) { // blank lines between requests are allowed
            m_buffer.clear();
            enter(State::Idle, m_limits.idleTimeoutMs);
            return !chunk.isEmpty();
        }
    }
    qsizetype headLength = 0;
    const qsizetype end = headEnd(m_buffer, &headLength);
    if (end < 0) {
        if (m_buffer.size() > m_limits.maxHeadBytes)
            refuse(HttpAnswer::error(431, u"headers_too_large"_s, u"The request head is too large."_s));
        return !chunk.isEmpty() && m_state != State::Closing;
    }
    QString error;
    m_head = HttpHead::parse(m_buffer.left(headLength).trimmed(), &error);
    m_buffer.remove(0, end);
    if (!m_head) {
        refuse(HttpAnswer::badRequest(error));
        return false;
    }
    std::optional<HttpAnswer> refusal;
    if (!knownMethod(m_head->method))
        refusal = HttpAnswer::error(405, u"method_not_allowed"_s, u"The method is not supported."_s);
    else if (!m_head->header("transfer-encoding").isEmpty())
        refusal = HttpAnswer::error(411, u"length_required"_s, u"Send the body with a Content-Length."_s);
    else if (m_head->contentLength > m_limits.maxBodyBytes) // before the token: an oversized body is never read
        refusal = HttpAnswer::error(413, u"payload_too_large"_s,
            u"The request body is larger than "_s + QString::number(m_limits.maxBodyBytes) + u" bytes."_s);
    else if (auto gated = m_gate(*m_head))
        refusal = gated;
    if (refusal) {
        refuse(*refusal);
        return false;
    }
    if (m_head->header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    enter(State::Body, m_limits.bodyTimeoutMs);
    return true;
}

bool HttpConnection::readBody()
{
    const qint64 missing = m_head->contentLength - m_buffer.size();
    const QByteArray chunk = missing > 0 ? m_socket->read(missing) : QByteArray();
    m_buffer += chunk;
    if (m_buffer.size() < m_head->contentLength)
        return false;
    const QByteArray body = m_buffer.left(m_head->contentLength);
    m_buffer.remove(0, m_head->contentLength); // what follows is the next, pipelined request
    const HttpHead head = *std::exchange(m_head, std::nullopt);
    respond(m_handler(head, body), head.keepAlive);
    return m_state == State::Idle;
}

void HttpConnection::respond(const HttpAnswer &answer, bool keepAlive)
{
    m_socket->write(render(answer, keepAlive));
    if (!keepAlive) {
        m_state = State::Closing;
        m_timer.start(m_limits.lingerMs);
        return;
    }
    enter(State::Idle, m_limits.idleTimeoutMs);
}

void HttpConnection::refuse(const HttpAnswer &answer)
{
    m_buffer.clear();
    m_head.reset();
    m_discarded = 0;
    respond(answer, false);
}

QByteArray HttpConnection::render(const HttpAnswer &answer, bool keepAlive)
{
    QByteArray body;
    if (answer.status != 204 && !answer.body.isUndefined())
        body = answer.body.isArray() ? QJsonDocument(answer.body.toArray()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(answer.body.toObject()).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reason(answer.status) + "\r\n";
    if (!body.isEmpty())
        out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "Cache-Control: no-store\r\n\r\n";
    return out + body;
}

} // namespace Local
