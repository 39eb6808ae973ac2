#include "ui/editor/completionfetcher.h"

#include "sql/connectionpool.h"

using namespace Qt::StringLiterals;

namespace Ui {

CompletionFetcher::CompletionFetcher(Sql::ConnectionPool *pool, QString database, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_database(std::move(database))
{
    connect(m_pool, &Sql::ConnectionPool::rowsReceived, this, [this](const Sql::RowBatch &batch) {
        if (batch.requestId != m_request || m_request == 0)
            return;
        for (qsizetype r = 0; r < batch.rows.rowCount(); ++r)
            for (int c = 0; c < qMin(2, batch.rows.columnCount()); ++c)
                m_words.append(batch.rows.cellText(r, c));
    });
    connect(m_pool, &Sql::ConnectionPool::jobFinished, this, [this](const Sql::JobSummary &summary) {
        if (summary.requestId != m_request || m_request == 0)
            return;
        m_request = 0;
        m_words.removeDuplicates();
        Q_EMIT wordsFetched(m_words);
    });
}

void CompletionFetcher::refresh()
{
    if (m_request != 0 || m_database.isEmpty())
        return;
    QString schema = m_database;
    schema.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    Core::SqlStatement statement;
    statement.text = u"SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"_s + schema
        + u"' ORDER BY TABLE_NAME, ORDINAL_POSITION"_s;
    statement.end = statement.text.size();
    m_words.clear();
    m_request = m_pool->execute({ statement }, false);
}

} // namespace Ui
