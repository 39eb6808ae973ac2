// The binary-protocol fast path of StatementRunner: a lone SELECT is prepared and streamed with
// mysql_stmt_fetch (unbuffered). Cells are converted to the text protocol's form, so receivers see the
// same bytes whichever path ran. When preparing fails nothing has run yet, and the text path takes over.
#include "sql/rowstream.h"
#include "sql/statementrunner.h"

#include <QElapsedTimer>

#include <mysql.h>

#include <charconv>
#include <cstring>
#include <vector>

namespace Sql {

namespace {

constexpr unsigned long MaxInlineBuffer = 64 * 1024; // longer values are fetched column by column

enum class Conversion {
    Signed8,
    Unsigned8,
    Signed16,
    Unsigned16,
    Signed32,
    Unsigned32,
    Signed64,
    Unsigned64,
    Float,
    Double,
    Date,
    Time,
    DateTime,
    Bytes
};

struct ColumnBinding
{
    Conversion conversion = Conversion::Bytes;
    unsigned int decimals = 0;
    std::vector<char> buffer;
    unsigned long length = 0;
    my_bool isNull = 0;
    my_bool error = 0;
};

struct StmtCloser
{
    void operator()(MYSQL_STMT *stmt) const
    {
        mysql_stmt_free_result(stmt);
        mysql_stmt_close(stmt);
    }
};

void setupBinding(const MYSQL_FIELD &field, ColumnBinding &binding, MYSQL_BIND &bind)
{
    const bool isUnsigned = (field.flags & UNSIGNED_FLAG) != 0;
    const bool zeroFill = (field.flags & ZEROFILL_FLAG) != 0; // keep padding: let the driver format it
    std::memset(&bind, 0, sizeof(bind));
    bind.is_null = &binding.isNull;
    bind.length = &binding.length;
    bind.error = &binding.error;
    bind.is_unsigned = isUnsigned;
    binding.decimals = field.decimals;
    auto fixed = [&](enum_field_types type, Conversion conversion, size_t size) {
        binding.conversion = conversion;
        binding.buffer.assign(size, 0);
        bind.buffer_type = type;
    };
    switch (zeroFill ? MYSQL_TYPE_STRING : field.type) {
    case MYSQL_TYPE_TINY:
        fixed(MYSQL_TYPE_TINY, isUnsigned ? Conversion::Unsigned8 : Conversion::Signed8, 8);
        break;
    case MYSQL_TYPE_SHORT:
        fixed(MYSQL_TYPE_SHORT, isUnsigned ? Conversion::Unsigned16 : Conversion::Signed16, 8);
        break;
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
        fixed(MYSQL_TYPE_LONG, isUnsigned ? Conversion::Unsigned32 : Conversion::Signed32, 8);
        break;
    case MYSQL_TYPE_LONGLONG:
        fixed(MYSQL_TYPE_LONGLONG, isUnsigned ? Conversion::Unsigned64 : Conversion::Signed64, 8);
        break;
    case MYSQL_TYPE_FLOAT:
        fixed(MYSQL_TYPE_FLOAT, Conversion::Float, 8);
        break;
    case MYSQL_TYPE_DOUBLE:
        fixed(MYSQL_TYPE_DOUBLE, Conversion::Double, 8);
        break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
        fixed(MYSQL_TYPE_DATE, Conversion::Date, sizeof(MYSQL_TIME));
        break;
    case MYSQL_TYPE_TIME:
        fixed(MYSQL_TYPE_TIME, Conversion::Time, sizeof(MYSQL_TIME));
        break;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
        fixed(MYSQL_TYPE_DATETIME, Conversion::DateTime, sizeof(MYSQL_TIME));
        break;
    default: {
        // DECIMAL (already text on the wire), strings, blobs, JSON, BIT, ENUM, SET, geometry: raw bytes.
        binding.conversion = Conversion::Bytes;
        const unsigned long wanted = field.length ? static_cast<unsigned long>(field.length) : 256;
        binding.buffer.assign(std::min(std::max(wanted, 16ul), MaxInlineBuffer), 0);
        bind.buffer_type = MYSQL_TYPE_BLOB;
        break;
    }
    }
    bind.buffer = binding.buffer.data();
    bind.buffer_length = static_cast<unsigned long>(binding.buffer.size());
}

// Zero-padded decimal of a fixed width (the server's text form of date parts).
char *digits(char *out, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// Writes the text form of a fixed-size value into out (at least 64 bytes); returns its length.
size_t formatValue(const ColumnBinding &b, char *out)
{
    const char *p = b.buffer.data();
    auto integer = [&](auto value) { return size_t(std::to_chars(out, out + 64, value).ptr - out); };
    auto load = [&](auto zero) {
        decltype(zero) v;
        std::memcpy(&v, p, sizeof(v));
        return v;
    };
    switch (b.conversion) {
    case Conversion::Signed8:
        return integer(int(load(qint8())));
    case Conversion::Unsigned8:
        return integer(unsigned(load(quint8())));
    case Conversion::Signed16:
        return integer(int(load(qint16())));
    case Conversion::Unsigned16:
        return integer(unsigned(load(quint16())));
    case Conversion::Signed32:
        return integer(load(qint32()));
    case Conversion::Unsigned32:
        return integer(load(quint32()));
    case Conversion::Signed64:
        return integer(load(qint64()));
    case Conversion::Unsigned64:
        return integer(load(quint64()));
    case Conversion::Float:
        return integer(load(float()));
    case Conversion::Double:
        return integer(load(double()));
    case Conversion::Date:
    case Conversion::Time:
    case Conversion::DateTime: {
        MYSQL_TIME t;
        std::memcpy(&t, p, sizeof(t));
        char *o = out;
        if (b.conversion == Conversion::Time) {
            if (t.neg)
                *o++ = '-';
            const unsigned hours = t.day * 24 + t.hour;
            o = hours >= 100 ? std::to_chars(o, o + 16, hours).ptr : digits(o, hours, 2);
            *o++ = ':';
            o = digits(o, t.minute, 2);
            *o++ = ':';
            o = digits(o, t.second, 2);
        } else {
            o = digits(o, t.year, 4);
            *o++ = '-';
            o = digits(o, t.month, 2);
            *o++ = '-';
            o = digits(o, t.day, 2);
            if (b.conversion == Conversion::DateTime) {
                *o++ = ' ';
                o = digits(o, t.hour, 2);
                *o++ = ':';
                o = digits(o, t.minute, 2);
                *o++ = ':';
                o = digits(o, t.second, 2);
            }
        }
        if (b.conversion != Conversion::Date && b.decimals > 0 && b.decimals <= 6) {
            char fraction[6];
            digits(fraction, unsigned(t.second_part % 1000000), 6);
            *o++ = '.';
            std::memcpy(o, fraction, b.decimals);
            o += b.decimals;
        }
        return size_t(o - out);
    }
    case Conversion::Bytes:
        break;
    }
    return 0;
}

} // namespace

StatementRunner::Outcome StatementRunner::runBinary(const Job &job, int index)
{
    MYSQL *m = m_connection.handle();
    const Core::SqlStatement &statement = job.statements[index];
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<MYSQL_STMT, StmtCloser> stmt(mysql_stmt_init(m));
    if (!stmt)
        return Outcome::NotPrepared;
    const QByteArray sql = statement.text.toUtf8();
    if (mysql_stmt_prepare(stmt.get(), sql.constData(), static_cast<unsigned long>(sql.size())) != 0
        || mysql_stmt_param_count(stmt.get()) != 0) {
        if (Connection::isConnectionLostError(mysql_stmt_errno(stmt.get())))
            m_connection.markBroken();
        return m_connection.isBroken()
            ? fail(job, index, mysql_stmt_errno(stmt.get()), QString::fromLatin1(mysql_stmt_sqlstate(stmt.get())),
                QString::fromUtf8(mysql_stmt_error(stmt.get())))
            : Outcome::NotPrepared;
    }
    MYSQL_RES *meta = mysql_stmt_result_metadata(stmt.get());
    if (!meta)
        return Outcome::NotPrepared; // no result set (e.g. SELECT ... INTO): the text path runs it

    const unsigned int count = mysql_num_fields(meta);
    const MYSQL_FIELD *fields = mysql_fetch_fields(meta);
    std::vector<ColumnBinding> bindings(count);
    std::vector<MYSQL_BIND> binds(count);
    ResultHeader header;
    header.requestId = job.requestId;
    header.statementIndex = index;
    header.binaryProtocol = true;
    for (unsigned int c = 0; c < count; ++c) {
        header.columns.append(columnInfoFromField(fields[c]));
        setupBinding(fields[c], bindings[c], binds[c]);
    }
    mysql_free_result(meta);

    auto failStmt = [&] {
        // Errors of the wire (a lost connection while fetching) are set on the connection, not the statement.
        if (mysql_stmt_errno(stmt.get()) == 0 && mysql_errno(m) != 0)
            return fail(
                job, index, mysql_errno(m), QString::fromLatin1(mysql_sqlstate(m)), QString::fromUtf8(mysql_error(m)));
        return fail(job, index, mysql_stmt_errno(stmt.get()), QString::fromLatin1(mysql_stmt_sqlstate(stmt.get())),
            QString::fromUtf8(mysql_stmt_error(stmt.get())));
    };
    // From here on the statement may run: errors are reported, never retried through the text path.
    if (mysql_stmt_execute(stmt.get()) != 0 || mysql_stmt_bind_result(stmt.get(), binds.data()) != 0)
        return failStmt();
    m_sink.headerReady(header);

    StatementSummary summary;
    summary.requestId = job.requestId;
    summary.statementIndex = index;
    summary.begin = statement.begin;
    summary.end = statement.end;
    summary.binaryProtocol = true;

    RowStream stream(m_sink, m_settings, header);
    std::vector<const char *> values(count);
    std::vector<unsigned long> lengths(count);
    std::vector<char> scratch(size_t(count) * 64);
    std::vector<std::vector<char>> overflow(count); // values longer than their bind buffer
    int rc = 0;
    while ((rc = mysql_stmt_fetch(stmt.get())) == 0 || rc == MYSQL_DATA_TRUNCATED) {
        for (unsigned int c = 0; c < count; ++c) {
            ColumnBinding &b = bindings[c];
            if (b.isNull) {
                values[c] = nullptr;
                lengths[c] = 0;
            } else if (b.conversion == Conversion::Bytes) {
                if (b.length > b.buffer.size()) {
                    std::vector<char> &big = overflow[c];
                    big.resize(b.length);
                    MYSQL_BIND whole;
                    std::memset(&whole, 0, sizeof(whole));
                    whole.buffer_type = MYSQL_TYPE_BLOB;
                    whole.buffer = big.data();
                    whole.buffer_length = b.length;
                    unsigned long got = 0;
                    whole.length = &got;
                    if (mysql_stmt_fetch_column(stmt.get(), &whole, c, 0) != 0)
                        return failStmt();
                    values[c] = big.data();
                } else {
                    values[c] = b.buffer.data();
                }
                lengths[c] = b.length;
            } else {
                char *out = scratch.data() + size_t(c) * 64;
                lengths[c] = static_cast<unsigned long>(formatValue(b, out));
                values[c] = out;
            }
        }
        if (!stream.append(values.data(), lengths.data()))
            break; // memory cap: closing the statement discards the rest
    }
    stream.finish();
    summary.rows = stream.rows();
    summary.truncated = stream.capped();
    if (rc == 1 && !stream.capped())
        return failStmt();
    summary.resultSets = 1;
    summary.warnings = mysql_warning_count(m);
    summary.durationUs = timer.nsecsElapsed() / 1000;
    stmt.reset();
    m_sink.statementDone(summary);
    return Outcome::Ok;
}

} // namespace Sql
