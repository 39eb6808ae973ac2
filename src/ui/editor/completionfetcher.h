#pragma once

#include "sql/jobtypes.h"

#include <QObject>
#include <QStringList>

namespace Sql {
class ConnectionPool;
}

namespace Ui {

// Fetches the table and column names of one database in the background (on any idle pooled connection,
// never the tab's own session) for the editor's completion.
class CompletionFetcher : public QObject
{
    Q_OBJECT
public:
    CompletionFetcher(Sql::ConnectionPool *pool, QString database, QObject *parent = nullptr);

    void refresh(); // a refresh already under way is not started twice
    bool isFetching() const { return m_request != 0; }

Q_SIGNALS:
    void wordsFetched(const QStringList &words);

private:
    Sql::ConnectionPool *m_pool;
    QString m_database;
    Sql::RequestId m_request = 0;
    QStringList m_words;
};

} // namespace Ui
