#include "ui/editor/completionfetcher.h"

#include "core/sqlliteral.h"
#include "sql/connectionpool.h"

using namespace Qt::StringLiterals;

namespace Ui {

CompletionFetcher::CompletionFetcher(Sql::ConnectionPool *pool, QString database, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_database(std::move(database))
{ }

QString CompletionFetcher::columnsQuery(QStringView database)
{
    return u"SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "_s
        + Core::SqlLiteral::string(database) + u" ORDER BY TABLE_NAME, ORDINAL_POSITION"_s;
}

void CompletionFetcher::refresh()
{
    if (m_run || m_database.isEmpty() || !m_pool)
        return;
    Core::SqlStatement statement;
    statement.text = columnsQuery(m_database);
    statement.end = statement.text.size();
    m_words.clear();
    Sql::Run::Options options;
    options.allowBinaryProtocol = false;
    m_run = m_pool->run({ statement }, options); // any idle connection: never the tab's own session
    connect(m_run.get(), &Sql::Run::rowsReceived, this, [this](const Sql::RowBatch &batch) {
        for (qsizetype r = 0; r < batch.rows.rowCount(); ++r)
            for (int c = 0; c < qMin(2, batch.rows.columnCount()); ++c)
                m_words.append(batch.rows.cellText(r, c));
    });
    connect(m_run.get(), &Sql::Run::finished, this, [this] {
        m_run.release()->deleteLater(); // the sender: deleted once this handler returns
        m_words.removeDuplicates();
        Q_EMIT wordsFetched(m_words);
    });
}

} // namespace Ui
