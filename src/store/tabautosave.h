#pragma once

#include "core/result.h"
#include "store/sqlitefile.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Store {

// What an editor tab needs to come back after a crash or restart.
struct TabState
{
    QString id; // stable per tab (a UUID), the key of the row
    int position = 0; // order in the tab bar
    QString title;
    QString target; // connection target: a saved profile's id, a mysql:// URL, or branch:org/database/branch
    QString role; // a branch target's password role (reader, writer, readwriter, admin); empty otherwise
    // The production guard: destructive statements ask first. Rows saved before the flag existed read as true,
    // so a guard is never lost by an upgrade.
    bool production = false;
    QString text;
    int cursorLine = 0;
    int cursorIndex = 0;
    QDateTime savedAt; // set by the store, UTC

    bool operator==(const TabState &other) const = default;
};

// Editor tab autosave in SQLite (WAL): each save is one transaction, so a kill -9 at any moment leaves
// either the previous or the new state of a tab, never a torn one.
class TabAutosave
{
public:
    TabAutosave() = default;

    Core::Result<void> open(const QString &path = {});
    bool isOpen() const { return m_file.isOpen(); }

    // Insert or replace one tab.
    Core::Result<void> save(const TabState &tab);
    // Replace the whole set (tabs not in the list are dropped), e.g. on orderly shutdown.
    Core::Result<void> saveAll(const QList<TabState> &tabs);
    Core::Result<void> remove(const QString &id);
    // Ordered by position.
    Core::Result<QList<TabState>> load() const;

private:
    SqliteFile m_file;
};

} // namespace Store
