#include "local/deployjournal.h"

using namespace Qt::StringLiterals;

namespace Local {

QStringList DeployJournal::statements(
    const QString &requestId, const QString &operationId, const QString &step, const QString &detail)
{
    SqlSession &s = m_meta.session();
    QStringList out { note(requestId, operationId, step, detail) };
    if (!operationId.isEmpty())
        out << u"UPDATE "_s + m_meta.table(u"deploy_operations"_s) + u" SET step = "_s + s.quote(step)
                + u", updated_at = UTC_TIMESTAMP(3) WHERE id = "_s + s.quote(operationId);
    return out;
}

QString DeployJournal::note(
    const QString &requestId, const QString &operationId, const QString &step, const QString &detail)
{
    SqlSession &s = m_meta.session();
    return u"INSERT INTO "_s + m_meta.table(u"deploy_journal"_s)
        + u" (deploy_request_id, operation_id, step, detail, created_at) VALUES ("_s + s.quote(requestId) + u", "_s
        + s.quote(operationId.isEmpty() ? QString() : operationId) + u", "_s + s.quote(step) + u", "_s + s.quote(detail)
        + u", UTC_TIMESTAMP(3))"_s;
}

Core::Result<void> DeployJournal::record(
    const QString &requestId, const QString &operationId, const QString &step, const QString &detail)
{
    SqlSession &s = m_meta.session();
    const QStringList sql = statements(requestId, operationId, step, detail);
    return s.transaction([&]() -> Core::Result<void> {
        for (const QString &statement : sql) {
            if (auto done = s.exec(statement); !done)
                return done;
        }
        return {};
    });
}

Core::Result<QString> DeployJournal::detail(const QString &operationId, const QString &step)
{
    SqlSession &s = m_meta.session();
    return s.scalar(u"SELECT detail FROM "_s + m_meta.table(u"deploy_journal"_s) + u" WHERE operation_id = "_s
        + s.quote(operationId) + u" AND step = "_s + s.quote(step) + u" ORDER BY id DESC LIMIT 1"_s);
}

Core::Result<QStringList> DeployJournal::steps(const QString &requestId)
{
    SqlSession &s = m_meta.session();
    auto rows = s.select(u"SELECT step FROM "_s + m_meta.table(u"deploy_journal"_s) + u" WHERE deploy_request_id = "_s
        + s.quote(requestId) + u" ORDER BY id"_s);
    if (!rows)
        return rows.error();
    QStringList out;
    for (const QList<QByteArray> &row : rows->rows)
        out << QString::fromUtf8(row.constFirst());
    return out;
}

} // namespace Local
