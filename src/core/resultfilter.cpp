#include "core/resultfilter.h"

#include "core/backgroundjobs.h"
#include "core/cellcomparator.h"
#include "core/resultsorter.h"
#include "core/textsearcher.h"

#include <QRegularExpression>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

bool isBinaryKind(ColumnKind kind)
{
    return kind == ColumnKind::Binary || kind == ColumnKind::Bit;
}

// The operand as the column stores values: hex (0x…) for binary columns, UTF-8 otherwise.
QByteArray operandBytes(const ColumnInfo &column, const QString &value)
{
    if (isBinaryKind(column.kind) && value.startsWith(u"0x"_s, Qt::CaseInsensitive))
        return QByteArray::fromHex(value.mid(2).toLatin1());
    return value.trimmed().toUtf8();
}

// One condition, prepared once per thread (a QRegularExpression is not shared between threads).
class ConditionTester
{
public:
    ConditionTester(const ColumnCondition &condition, const ColumnInfo &column)
        : m_column(condition.column)
        , m_op(condition.op)
        , m_compare(column)
        , m_operand(operandBytes(column, condition.value))
        , m_searcher(condition.value)
    {
        if (m_op == FilterOp::Matches)
            m_regex = QRegularExpression(condition.value, QRegularExpression::CaseInsensitiveOption);
    }

    bool test(const ResultSet &chunk, qsizetype row) const
    {
        const bool null = chunk.isNull(row, m_column);
        if (m_op == FilterOp::IsNull)
            return null;
        if (m_op == FilterOp::IsNotNull)
            return !null;
        if (null)
            return false;
        const QByteArrayView cell = chunk.cell(row, m_column);
        switch (m_op) {
        case FilterOp::Contains:
            return m_searcher.contains(cell);
        case FilterOp::NotContains:
            return !m_searcher.contains(cell);
        case FilterOp::Matches:
            return m_regex.match(QString::fromUtf8(cell)).hasMatch();
        default:
            break;
        }
        const int c = m_compare.compare(cell, m_operand);
        switch (m_op) {
        case FilterOp::Equal:
            return c == 0;
        case FilterOp::NotEqual:
            return c != 0;
        case FilterOp::Less:
            return c < 0;
        case FilterOp::LessOrEqual:
            return c <= 0;
        case FilterOp::Greater:
            return c > 0;
        case FilterOp::GreaterOrEqual:
            return c >= 0;
        default:
            return false;
        }
    }

private:
    int m_column;
    FilterOp m_op;
    CellComparator m_compare;
    QByteArray m_operand;
    TextSearcher m_searcher;
    QRegularExpression m_regex;
};

// Evaluates the filter on slices of chunks; one instance per thread.
class ChunkFilter
{
public:
    ChunkFilter(const ResultChunks &rows, const FilterSpec &spec)
        : m_rows(rows)
        , m_searcher(spec.text)
    {
        for (const auto &condition : spec.conditions)
            m_conditions.emplace_back(condition, rows.columns().at(condition.column));
        for (int c = 0; c < rows.columnCount(); ++c) {
            if (!isBinaryKind(rows.columns().at(c).kind))
                m_textColumns.push_back(c);
        }
    }

    // Appends to `out` the rows of chunk `index` that pass, among `examine` (local rows, ascending) or all.
    void run(size_t index, const std::vector<quint32> *examine, ResultFilter::Rows &out)
    {
        const ResultSet &chunk = m_rows.chunk(index);
        const auto base = quint32(m_rows.chunkStart(index));
        const qsizetype count = examine ? qsizetype(examine->size()) : chunk.rowCount();
        // Dense: scan each column's arena once. Sparse: look into the candidate cells only.
        const bool scan = !m_searcher.isEmpty() && m_searcher.isBytewise() && count * 16 > chunk.rowCount();
        if (scan)
            markTextMatches(chunk);
        for (qsizetype i = 0; i < count; ++i) {
            const quint32 row = examine ? (*examine)[size_t(i)] : quint32(i);
            if (!m_searcher.isEmpty() && !(scan ? m_mask[row] != 0 : textMatches(chunk, row)))
                continue;
            if (std::all_of(m_conditions.begin(), m_conditions.end(),
                    [&](const ConditionTester &t) { return t.test(chunk, row); }))
                out.push_back(base + row);
        }
    }

private:
    bool textMatches(const ResultSet &chunk, qsizetype row) const
    {
        for (const int c : m_textColumns) {
            if (!chunk.isNull(row, c) && m_searcher.contains(chunk.cell(row, c)))
                return true;
        }
        return false;
    }

    void markTextMatches(const ResultSet &chunk)
    {
        m_mask.assign(size_t(chunk.rowCount()), 0);
        const qsizetype length = m_searcher.length();
        for (const int c : m_textColumns) {
            const QByteArrayView arena = chunk.columnBytes(c);
            qsizetype pos = 0;
            while ((pos = m_searcher.indexIn(arena, pos)) >= 0) {
                const qsizetype row = chunk.rowAtOffset(c, pos);
                const QByteArrayView cell = chunk.cell(row, c);
                const qsizetype cellEnd = (cell.data() - arena.data()) + cell.size();
                if (pos + length <= cellEnd) {
                    m_mask[size_t(row)] = 1;
                    pos = cellEnd; // the rest of this cell cannot add anything
                } else {
                    ++pos; // the match ran across two cells
                }
            }
        }
    }

    const ResultChunks &m_rows;
    TextSearcher m_searcher;
    std::vector<ConditionTester> m_conditions;
    std::vector<int> m_textColumns;
    std::vector<quint8> m_mask;
};

} // namespace

bool FilterSpec::refines(const FilterSpec &previous) const
{
    if (!previous.text.isEmpty() && !text.contains(previous.text, Qt::CaseInsensitive))
        return false;
    return std::all_of(previous.conditions.begin(), previous.conditions.end(),
        [this](const ColumnCondition &c) { return conditions.contains(c); });
}

Result<void> ResultFilter::validate(const FilterSpec &spec, const QList<ColumnInfo> &columns)
{
    for (const auto &condition : spec.conditions) {
        if (condition.column < 0 || condition.column >= columns.size())
            return makeError(u"filter_column"_s, u"The result has no such column."_s);
        const ColumnInfo &column = columns.at(condition.column);
        switch (condition.op) {
        case FilterOp::IsNull:
        case FilterOp::IsNotNull:
        case FilterOp::Contains:
        case FilterOp::NotContains:
            continue;
        case FilterOp::Matches: {
            const QRegularExpression re(condition.value);
            if (!re.isValid())
                return makeError(u"filter_regex"_s, u"The regular expression is not valid."_s,
                    re.errorString() + u" at offset "_s + QString::number(re.patternErrorOffset()));
            continue;
        }
        default:
            break;
        }
        const CellComparator compare(column);
        if (!compare.isText() && !compare.isWellFormed(operandBytes(column, condition.value)))
            return makeError(
                u"filter_value"_s, u"“%1” is not a value of %2's type."_s.arg(condition.value.trimmed(), column.name));
    }
    return {};
}

Result<ResultFilter::Rows> ResultFilter::filter(const ResultChunks &rows, const FilterSpec &spec,
    const CancelFlag &cancel, const Rows *candidates, qsizetype candidatesEnd)
{
    if (auto valid = validate(spec, rows.columns()); !valid.ok())
        return valid.error();
    const size_t chunks = rows.chunkCount();
    std::vector<Rows> found(chunks);
    std::atomic<bool> stopped = false;
    BackgroundJobs::parallelFor(chunks, [&](size_t first, size_t last) {
        ChunkFilter filter(rows, spec);
        std::vector<quint32> examine;
        auto next = candidates
            ? std::lower_bound(candidates->begin(), candidates->end(), quint32(rows.chunkStart(first)))
            : Rows::const_iterator();
        for (size_t c = first; c < last; ++c) {
            if (cancel.isCancelled()) {
                stopped = true;
                return;
            }
            const qsizetype start = rows.chunkStart(c);
            const qsizetype end = start + rows.chunk(c).rowCount();
            if (!candidates || start >= candidatesEnd) {
                filter.run(c, nullptr, found[c]);
                continue;
            }
            // Candidates below candidatesEnd, then every row from it on.
            examine.clear();
            for (; next != candidates->end() && qsizetype(*next) < std::min(end, candidatesEnd); ++next)
                examine.push_back(quint32(qsizetype(*next) - start));
            for (qsizetype r = std::max(start, candidatesEnd); r < end; ++r)
                examine.push_back(quint32(r - start));
            filter.run(c, &examine, found[c]);
        }
    });
    if (stopped || cancel.isCancelled())
        return ResultSorter::cancelledError();
    size_t total = 0;
    for (const auto &part : found)
        total += part.size();
    Rows out;
    out.reserve(total);
    for (const auto &part : found)
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

QString ResultFilter::operatorText(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal:
        return u"="_s;
    case FilterOp::NotEqual:
        return u"≠"_s;
    case FilterOp::Less:
        return u"<"_s;
    case FilterOp::LessOrEqual:
        return u"≤"_s;
    case FilterOp::Greater:
        return u">"_s;
    case FilterOp::GreaterOrEqual:
        return u"≥"_s;
    case FilterOp::Contains:
        return u"contains"_s;
    case FilterOp::NotContains:
        return u"does not contain"_s;
    case FilterOp::IsNull:
        return u"is NULL"_s;
    case FilterOp::IsNotNull:
        return u"is not NULL"_s;
    case FilterOp::Matches:
        return u"matches"_s;
    }
    return {};
}

} // namespace Core
