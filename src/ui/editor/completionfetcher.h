#pragma once

#include "sql/run.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

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
    bool isFetching() const { return m_run != nullptr; }
    // The query behind refresh(): table and column names of `database`, in order.
    static QString columnsQuery(QStringView database);

Q_SIGNALS:
    void wordsFetched(const QStringList &words);

private:
    QPointer<Sql::ConnectionPool> m_pool;
    QString m_database;
    std::unique_ptr<Sql::Run> m_run;
    QStringList m_words;
};

} // namespace Ui
