#include "store/profilestore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Store {

namespace {

constexpr int SchemaVersion = 1;

const QString Columns = u"id, name, host, port, socket, user, database, tls_mode, ca_file, production, color"_s;

Core::Error failed(const QSqlQuery &query, const QString &message)
{
    return Core::makeError(u"profiles_query"_s, message, query.lastError().text());
}

Core::Error notOpen()
{
    return Core::makeError(u"profiles_closed"_s, u"The connection profiles are not open."_s);
}

ConnectionProfile profileFrom(const QSqlQuery &query)
{
    ConnectionProfile p;
    p.id = query.value(0).toString();
    p.name = query.value(1).toString();
    p.host = query.value(2).toString();
    p.port = static_cast<quint16>(query.value(3).toUInt());
    p.socket = query.value(4).toString();
    p.user = query.value(5).toString();
    p.database = query.value(6).toString();
    p.tlsMode = tlsModeFromName(query.value(7).toString());
    p.caFile = query.value(8).toString();
    p.production = query.value(9).toBool();
    p.color = query.value(10).toString();
    return p;
}

} // namespace

Core::Result<void> ProfileStore::open(const QString &path)
{
    return m_file.open(path.isEmpty() ? SqliteFile::defaultPath() : path, u"profiles"_s, SchemaVersion,
        { u"CREATE TABLE profiles (id TEXT PRIMARY KEY, name TEXT NOT NULL, host TEXT NOT NULL, "
          u"port INTEGER NOT NULL, socket TEXT NOT NULL, user TEXT NOT NULL, database TEXT NOT NULL, "
          u"tls_mode TEXT NOT NULL, ca_file TEXT NOT NULL, production INTEGER NOT NULL, "
          u"color TEXT NOT NULL)"_s });
}

Core::Result<ConnectionProfile> ProfileStore::save(ConnectionProfile p)
{
    if (!isOpen())
        return notOpen();
    if (p.id.isEmpty())
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery query(m_file.database());
    query.prepare(u"INSERT OR REPLACE INTO profiles ("_s + Columns + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    // QString() would bind NULL and violate NOT NULL: bind empty strings explicitly.
    auto text = [](const QString &s) { return s.isNull() ? u""_s : s; };
    query.addBindValue(p.id);
    query.addBindValue(text(p.name));
    query.addBindValue(text(p.host));
    query.addBindValue(p.port);
    query.addBindValue(text(p.socket));
    query.addBindValue(text(p.user));
    query.addBindValue(text(p.database));
    query.addBindValue(tlsModeName(p.tlsMode));
    query.addBindValue(text(p.caFile));
    query.addBindValue(p.production ? 1 : 0);
    query.addBindValue(text(p.color));
    if (!query.exec())
        return failed(query, u"Cannot save the connection profile."_s);
    return p;
}

Core::Result<void> ProfileStore::remove(const QString &id)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"DELETE FROM profiles WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot delete the connection profile."_s);
    return {};
}

Core::Result<ConnectionProfile> ProfileStore::profile(const QString &id) const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"SELECT "_s + Columns + u" FROM profiles WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot read the connection profile."_s);
    if (!query.next())
        return Core::makeError(u"profile_not_found"_s, u"The connection profile does not exist."_s, id);
    return profileFrom(query);
}

Core::Result<QList<ConnectionProfile>> ProfileStore::profiles() const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT "_s + Columns + u" FROM profiles ORDER BY name COLLATE NOCASE, id"_s))
        return failed(query, u"Cannot read the connection profiles."_s);
    QList<ConnectionProfile> list;
    while (query.next())
        list.append(profileFrom(query));
    return list;
}

} // namespace Store
