#pragma once

#include "core/result.h"
#include "store/sqlitefile.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Store {

// One executed (or attempted) statement. Written before the statement runs, completed afterwards, so a
// crash mid-query still leaves the text behind.
struct HistoryEntry
{
    qint64 id = 0;
    QString text;
    QString target; // the connection target the statement ran on (profile or branch name)
    QDateTime startedAt; // UTC
    qint64 durationMs = -1; // -1: not finished (still running, or the app died)
    qint64 rows = -1; // rows returned or affected; -1 when unknown
    QString error; // empty on success

    bool finished() const { return durationMs >= 0; }
};

// Persistent, searchable statement history in SQLite.
class History
{
public:
    History() = default;

    // Opens the file (SqliteFile::defaultPath() unless a path is given, e.g. a temporary one in tests).
    Core::Result<void> open(const QString &path = {});
    bool isOpen() const { return m_file.isOpen(); }

    // Records a statement before it runs, its secrets redacted (Core::SqlRedactor); returns the entry id used
    // by recordFinished().
    Core::Result<qint64> recordStarted(
        const QString &text, const QString &target, const QDateTime &startedAt = QDateTime::currentDateTimeUtc());
    // The server's error may quote the statement (a syntax error does): the statement's secrets, remembered
    // in memory since recordStarted(), are masked in it before it is written.
    Core::Result<void> recordFinished(qint64 id, qint64 durationMs, qint64 rows, const QString &error = {});

    // Newest first. An empty needle lists everything; otherwise entries whose text or target contains
    // every whitespace-separated word of the needle (case-insensitive).
    Core::Result<QList<HistoryEntry>> search(const QString &needle = {}, int limit = 500) const;
    Core::Result<HistoryEntry> entry(qint64 id) const;

    Core::Result<void> remove(qint64 id);
    // Keeps the newest `keep` entries.
    Core::Result<void> prune(int keep);

private:
    SqliteFile m_file;
    QHash<qint64, QStringList> m_secrets; // entries not finished yet whose statement held secrets
};

} // namespace Store
