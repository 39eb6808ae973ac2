#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>

class QTcpSocket;

// A tiny HTTP/1.1 server for transport tests: answers each request with the next scripted response,
// including faults (a connection dropped mid-body, no answer at all). Listens on 127.0.0.1 only, port 0.
class ScriptedHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        enum class Fault {
            None,
            CloseMidBody, // headers and half the body, then the connection is dropped
            NoAnswer, // read the request, never answer (for timeouts)
            CloseAtOnce, // drop the connection without answering
        };
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        Fault fault = Fault::None;

        static Response json(int status, const QByteArray &body);
        static Response failing(Fault fault, const QByteArray &body = {});
    };

    struct Request
    {
        QByteArray method;
        QString path; // decoded
        QUrlQuery query;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        qint64 elapsedMs = 0; // since the server started
    };

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    bool start(); // 127.0.0.1, a free port
    QUrl baseUrl() const; // http://127.0.0.1:<port>/v1
    quint16 port() const;

    void enqueue(const Response &response);
    // Answers requests for which nothing is scripted (default: 500 with {"code":"unscripted"}).
    void setFallback(std::function<Response(const Request &)> fallback);

    const QList<Request> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

Q_SIGNALS:
    void requestReceived();

private:
    void handleConnection();
    void handleData(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Response &response);

    QTcpServer m_server;
    QElapsedTimer m_clock;
    std::deque<Response> m_script;
    std::function<Response(const Request &)> m_fallback;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
