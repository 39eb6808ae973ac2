#include "scriptedhttpserver.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

ScriptedHttpServer::Response ScriptedHttpServer::Response::json(int status, const QByteArray &body)
{
    Response r;
    r.status = status;
    r.body = body;
    return r;
}

ScriptedHttpServer::Response ScriptedHttpServer::Response::failing(Fault fault, const QByteArray &body)
{
    Response r;
    r.fault = fault;
    r.body = body;
    return r;
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent)
    : QObject(parent)
{
    m_fallback = [](const Request &) {
        return Response::json(500, R"({"code":"unscripted","message":"no response scripted"})");
    };
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::handleConnection);
}

ScriptedHttpServer::~ScriptedHttpServer() = default;

bool ScriptedHttpServer::start()
{
    m_clock.start();
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 ScriptedHttpServer::port() const
{
    return m_server.serverPort();
}

QUrl ScriptedHttpServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port()));
}

void ScriptedHttpServer::enqueue(const Response &response)
{
    m_script.push_back(response);
}

void ScriptedHttpServer::setFallback(std::function<Response(const Request &)> fallback)
{
    m_fallback = std::move(fallback);
}

void ScriptedHttpServer::handleConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedHttpServer::handleData(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        request.path = target.path();
        request.query = QUrlQuery(target.query());
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return; // body not complete yet
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        request.elapsedMs = m_clock.elapsed();
        m_requests.append(request);

        Response response;
        if (!m_script.empty()) {
            response = m_script.front();
            m_script.pop_front();
        } else {
            response = m_fallback(request);
        }
        Q_EMIT requestReceived();
        answer(socket, response);
        if (response.fault != Response::Fault::None)
            return;
    }
}

void ScriptedHttpServer::answer(QTcpSocket *socket, const Response &response)
{
    using Fault = Response::Fault;
    if (response.fault == Fault::NoAnswer)
        return;
    if (response.fault == Fault::CloseAtOnce) {
        socket->abort();
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    if (!response.contentType.isEmpty())
        head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Connection: close\r\n\r\n";

    if (response.fault == Fault::CloseMidBody) {
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        // Give the bytes time to reach the client before the reset.
        QTimer::singleShot(50, socket, [socket] { socket->abort(); });
        return;
    }
    socket->write(head + response.body);
    socket->disconnectFromHost();
}
