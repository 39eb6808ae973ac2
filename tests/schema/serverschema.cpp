#include "serverschema.h"

#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// mariadb --batch escapes \n, \t, \\ and \0 in fields.
QString unescapeField(QStringView field)
{
    QString out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] != u'\\' || i + 1 == field.size()) {
            out += field[i];
            continue;
        }
        const QChar e = field[++i];
        out += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e == u'0' ? QChar(0) : e;
    }
    return out;
}

} // namespace

bool ServerSchema::client(const QStringList &args, const QString &input, QString *output)
{
    QProcess process;
    process.start(u"mariadb"_s,
        QStringList { u"--no-defaults"_s, u"--socket="_s + m_socket, u"-uroot"_s, u"--batch"_s,
            u"--skip-column-names"_s, u"--default-character-set=utf8mb4"_s }
            + args);
    if (!process.waitForStarted(10000)) {
        m_lastError = u"cannot start mariadb: "_s + process.errorString();
        return false;
    }
    process.write(input.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        m_lastError = u"mariadb timed out"_s;
        return false;
    }
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    if (output)
        *output = out;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_lastError = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

bool ServerSchema::recreate(const QString &database)
{
    return client(
        {}, u"DROP DATABASE IF EXISTS `"_s + database + u"`; CREATE DATABASE `"_s + database + u"`;"_s, nullptr);
}

bool ServerSchema::drop(const QString &database)
{
    return client({}, u"DROP DATABASE IF EXISTS `"_s + database + u"`;"_s, nullptr);
}

bool ServerSchema::run(const QString &database, const QString &sql)
{
    return client({ u"-D"_s, database }, sql, nullptr);
}

QList<ServerSchema::Object> ServerSchema::list(const QString &database)
{
    const QString in = u" = '"_s + database + u"'"_s;
    const QString query = u"SELECT table_name, IF(table_type = 'VIEW', 'VIEW', 'TABLE') FROM information_schema.tables"
                          u" WHERE table_schema"_s
        + in
        + u" ORDER BY table_name;\nSELECT routine_name, routine_type FROM information_schema.routines"
          u" WHERE routine_schema"_s
        + in
        + u" ORDER BY routine_type DESC, routine_name;\nSELECT trigger_name, 'TRIGGER' FROM information_schema.triggers"
          u" WHERE trigger_schema"_s
        + in
        + u" ORDER BY event_object_table, action_timing, event_manipulation, action_order;\n"
          u"SELECT event_name, 'EVENT' FROM information_schema.events WHERE event_schema"_s
        + in + u" ORDER BY event_name;"_s;
    QString listing;
    if (!client({}, query, &listing))
        return {};
    QList<Object> objects;
    for (const QString &line : listing.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(u'\t');
        Object object;
        object.name = unescapeField(fields.value(0));
        object.type = fields.value(1); // base tables and system-versioned ones are TABLE
        object.isView = object.type == u"VIEW";
        objects.append(object);
    }
    return objects;
}

QList<ServerSchema::Object> ServerSchema::dump(const QString &database)
{
    QList<Object> objects = list(database);
    if (objects.isEmpty())
        return {};
    QString shows;
    for (const Object &object : std::as_const(objects)) {
        QString name = object.name;
        shows += u"SHOW CREATE "_s + object.type + u" `"_s + name.replace(u'`', u"``"_s) + u"`;\n"_s;
    }
    QString output;
    if (!client({ u"-D"_s, database }, shows, &output))
        return {};
    static const QRegularExpression autoIncrement(u" AUTO_INCREMENT=\\d+"_s);
    const QStringList rows = output.split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < objects.size() && i < rows.size(); ++i) {
        // The CREATE text's column: 1 for tables and views, 2 for routines and triggers, 3 for events.
        const QString &type = objects[i].type;
        const int field = type == u"EVENT" ? 3 : (type == u"TABLE" || type == u"VIEW") ? 1 : 2;
        objects[i].createStatement = unescapeField(rows[i].section(u'\t', field, field));
        if (type == u"TABLE")
            objects[i].createStatement.remove(autoIncrement);
    }
    return objects;
}

QString ServerSchema::script(const QList<Object> &objects)
{
    QString out;
    for (const Object &o : objects) {
        if (o.type == u"TABLE" || o.type == u"VIEW")
            out += o.createStatement + u";\n"_s;
        else
            out += u"DELIMITER ;;\n"_s + o.createStatement + u"\n;;\nDELIMITER ;\n"_s;
    }
    return out;
}
