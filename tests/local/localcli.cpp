#include "localcli.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

int LocalCli::run(const QStringList &arguments, QString *output, int timeoutMs, const QString &mysqlPassword) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!mysqlPassword.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"MYSQL_PWD"_s, mysqlPassword);
        process.setProcessEnvironment(env);
    }
    process.start(QStringLiteral(BRANCHDECK_LOCAL_BIN), arguments + QStringList { u"--dir"_s, m_dir });
    if (!process.waitForFinished(timeoutMs))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

QJsonObject LocalCli::state() const
{
    QFile file(QDir(m_dir).filePath(u"sandbox.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray LocalCli::token() const
{
    const QJsonObject s = state();
    return (s.value(u"service_token_id"_s).toString() + u':' + s.value(u"service_token"_s).toString()).toUtf8();
}

QString LocalCli::apiUrl() const
{
    return state().value(u"api_url"_s).toString();
}

QString LocalCli::socket() const
{
    return QDir(m_dir).filePath(u"mysql/mysqld.sock"_s);
}

QString LocalCli::log() const
{
    QFile file(QDir(m_dir).filePath(u"sandbox.log"_s));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

int LocalCli::request(const QByteArray &method, const QString &url, const QByteArray &authorization,
    const QJsonObject &body, QJsonObject *answer)
{
    QNetworkAccessManager nam;
    QNetworkRequest request { QUrl(url) };
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QByteArray payload;
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = nam.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(30000))
        return -1;
    if (answer)
        *answer = QJsonDocument::fromJson(reply->readAll()).object();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}
