#include "store/tabautosave.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Store {

namespace {

constexpr int SchemaVersion = 2;

Core::Error failed(const QSqlQuery &query, const QString &message)
{
    return Core::makeError(u"autosave_query"_s, message, query.lastError().text());
}

Core::Error notOpen()
{
    return Core::makeError(u"autosave_closed"_s, u"The tab autosave file is not open."_s);
}

bool insert(QSqlQuery &query, const TabState &tab)
{
    query.prepare(u"INSERT OR REPLACE INTO tabs (id, position, title, target, role, production, text, cursor_line, "
                  u"cursor_index, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    // A null QString binds as SQL NULL; the columns are NOT NULL, so bind empty strings instead.
    auto text = [](const QString &s) { return s.isNull() ? u""_s : s; };
    query.addBindValue(tab.id);
    query.addBindValue(tab.position);
    query.addBindValue(text(tab.title));
    query.addBindValue(text(tab.target));
    query.addBindValue(text(tab.role));
    query.addBindValue(tab.production ? 1 : 0);
    query.addBindValue(text(tab.text));
    query.addBindValue(tab.cursorLine);
    query.addBindValue(tab.cursorIndex);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return query.exec();
}

} // namespace

Core::Result<void> TabAutosave::open(const QString &path)
{
    return m_file.open(path.isEmpty() ? SqliteFile::defaultPath() : path, u"tabs"_s, SchemaVersion,
        // Version 1 had no role and production columns: a new file gets the table and then the columns, an
        // older one only the columns (its rows read as production: the guard errs on the safe side).
        { u"CREATE TABLE IF NOT EXISTS tabs (id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, "
          u"target TEXT NOT NULL, text TEXT NOT NULL, cursor_line INTEGER NOT NULL, "
          u"cursor_index INTEGER NOT NULL, saved_at INTEGER NOT NULL)"_s,
            u"ALTER TABLE tabs ADD COLUMN role TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE tabs ADD COLUMN production INTEGER NOT NULL DEFAULT 1"_s });
}

Core::Result<void> TabAutosave::save(const TabState &tab)
{
    if (!isOpen())
        return notOpen();
    if (tab.id.isEmpty())
        return Core::makeError(u"autosave_no_id"_s, u"A tab without an id cannot be saved."_s);
    QSqlQuery query(m_file.database());
    if (!insert(query, tab))
        return failed(query, u"Cannot autosave the editor tab."_s);
    return {};
}

Core::Result<void> TabAutosave::saveAll(const QList<TabState> &tabs)
{
    if (!isOpen())
        return notOpen();
    auto db = m_file.database();
    if (!db.transaction())
        return Core::makeError(u"autosave_query"_s, u"Cannot autosave the editor tabs."_s, db.lastError().text());
    QSqlQuery query(db);
    bool ok = query.exec(u"DELETE FROM tabs"_s);
    for (qsizetype i = 0; ok && i < tabs.size(); ++i)
        ok = !tabs[i].id.isEmpty() && insert(query, tabs[i]);
    if (!ok || !db.commit()) {
        auto error = failed(query, u"Cannot autosave the editor tabs."_s);
        db.rollback();
        return error;
    }
    return {};
}

Core::Result<void> TabAutosave::remove(const QString &id)
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.prepare(u"DELETE FROM tabs WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return failed(query, u"Cannot forget the closed editor tab."_s);
    return {};
}

Core::Result<QList<TabState>> TabAutosave::load() const
{
    if (!isOpen())
        return notOpen();
    QSqlQuery query(m_file.database());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, position, title, target, role, production, text, cursor_line, cursor_index, "
                    u"saved_at FROM tabs ORDER BY position, saved_at"_s))
        return failed(query, u"Cannot read the autosaved editor tabs."_s);
    QList<TabState> tabs;
    while (query.next()) {
        TabState tab;
        tab.id = query.value(0).toString();
        tab.position = query.value(1).toInt();
        tab.title = query.value(2).toString();
        tab.target = query.value(3).toString();
        tab.role = query.value(4).toString();
        tab.production = query.value(5).toInt() != 0;
        tab.text = query.value(6).toString();
        tab.cursorLine = query.value(7).toInt();
        tab.cursorIndex = query.value(8).toInt();
        tab.savedAt = QDateTime::fromMSecsSinceEpoch(query.value(9).toLongLong(), Qt::UTC);
        tabs.append(tab);
    }
    return tabs;
}

} // namespace Store
