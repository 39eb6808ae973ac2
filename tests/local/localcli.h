#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Drives the branchdeck-local binary on one DIR, and talks plain HTTP to the API it serves.
class LocalCli
{
public:
    explicit LocalCli(QString dir)
        : m_dir(std::move(dir))
    { }

    // Runs `branchdeck-local <arguments> --dir DIR`; returns the exit code (-1: did not finish in time).
    int run(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 180000,
        const QString &mysqlPassword = {}) const;
    QJsonObject state() const; // DIR/sandbox.json
    QByteArray token() const; // "<id>:<token>" from the state file
    QString apiUrl() const;
    QString socket() const; // the private MariaDB's unix socket
    QString log() const; // DIR/sandbox.log
    const QString &dir() const { return m_dir; }

    // One request with QNetworkAccessManager; returns the HTTP status (0: no connection, -1: no answer).
    static int request(const QByteArray &method, const QString &url, const QByteArray &authorization,
        const QJsonObject &body = {}, QJsonObject *answer = nullptr);

private:
    QString m_dir;
};
