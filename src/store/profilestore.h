#pragma once

#include "core/result.h"
#include "store/connectionprofile.h"
#include "store/sqlitefile.h"

#include <QList>

namespace Store {

// Saved connection profiles (no secrets) in SQLite.
class ProfileStore
{
public:
    ProfileStore() = default;

    Core::Result<void> open(const QString &path = {});
    bool isOpen() const { return m_file.isOpen(); }

    // Inserts or replaces by id; an empty id gets a new UUID. Returns the stored profile.
    Core::Result<ConnectionProfile> save(ConnectionProfile profile);
    Core::Result<void> remove(const QString &id);
    Core::Result<ConnectionProfile> profile(const QString &id) const;
    // Ordered by name.
    Core::Result<QList<ConnectionProfile>> profiles() const;

private:
    SqliteFile m_file;
};

} // namespace Store
