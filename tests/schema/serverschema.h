#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Drives the fixture's MariaDB through the `mariadb` command-line client (unix socket, root), so the
// schema tests depend on nothing but the server: create schemas, run scripts, read SHOW CREATE output.
class ServerSchema
{
public:
    struct Object
    {
        QString name;
        bool isView = false;
        QString type; // TABLE, VIEW, PROCEDURE, FUNCTION, TRIGGER or EVENT
        QString createStatement; // as the server prints it
    };

    explicit ServerSchema(QString socket)
        : m_socket(std::move(socket))
    { }

    bool recreate(const QString &database);
    bool drop(const QString &database);
    // Runs `sql` with `database` as the default schema; false with lastError() on failure.
    bool run(const QString &database, const QString &sql);
    // Every table and view of `database`, by name, with SHOW CREATE text (AUTO_INCREMENT=n removed);
    // then procedures and functions by name, triggers by table, timing, event and firing order, events.
    QList<Object> dump(const QString &database);
    // The dump as one script of ';'-separated CREATE statements, stored programs inside DELIMITER ;;.
    static QString script(const QList<Object> &objects);
    QString lastError() const { return m_lastError; }

private:
    bool client(const QStringList &args, const QString &input, QString *output);
    QList<Object> list(const QString &database);

    QString m_socket;
    QString m_lastError;
};
