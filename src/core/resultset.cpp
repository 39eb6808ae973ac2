#include "core/resultset.h"

#include <QSharedData>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

namespace Core {

namespace {

constexpr quint32 NullBit = 0x80000000u;
constexpr quint32 OffsetMask = 0x7fffffffu;

// Growable array of trivially copyable values on malloc/realloc: large blocks are mmap'ed by glibc, so
// growing them remaps pages instead of copying, and memory use stays close to the payload.
template<typename T> class RawBuffer
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    RawBuffer() = default;
    RawBuffer(const RawBuffer &other) { assign(other); }
    RawBuffer &operator=(const RawBuffer &other)
    {
        if (this != &other) {
            std::free(m_data);
            m_data = nullptr;
            m_size = m_capacity = 0;
            assign(other);
        }
        return *this;
    }
    ~RawBuffer() { std::free(m_data); }

    T *data() { return m_data; }
    const T *data() const { return m_data; }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }
    T &operator[](size_t i) { return m_data[i]; }
    const T &operator[](size_t i) const { return m_data[i]; }

    void reserve(size_t capacity)
    {
        if (capacity <= m_capacity)
            return;
        void *p = std::realloc(m_data, capacity * sizeof(T));
        if (!p)
            throw std::bad_alloc(); // out of memory ends the process, as everywhere in Qt
        m_data = static_cast<T *>(p);
        m_capacity = capacity;
    }
    // Makes room for `extra` more values, growing geometrically to keep appends amortised O(1): by 1.5x
    // while small, by 1.125x past 1 MiB (mremap'ed, so cheap) so big results stay close to their payload.
    T *grow(size_t extra)
    {
        const size_t needed = m_size + extra;
        if (needed > m_capacity) {
            const size_t step = m_capacity * sizeof(T) < (size_t(1) << 20) ? m_capacity / 2 : m_capacity / 8;
            reserve(std::max({ needed, m_capacity + step, size_t(64) }));
        }
        T *at = m_data + m_size;
        m_size = needed;
        return at;
    }
    void push(T value) { *grow(1) = value; }
    void resize(size_t size)
    {
        reserve(size);
        m_size = size;
    }
    void squeeze()
    {
        if (m_capacity == m_size)
            return;
        if (m_size == 0) {
            std::free(m_data);
            m_data = nullptr;
            m_capacity = 0;
            return;
        }
        if (void *p = std::realloc(m_data, m_size * sizeof(T))) {
            m_data = static_cast<T *>(p);
            m_capacity = m_size;
        }
    }
    void release()
    {
        std::free(m_data);
        m_data = nullptr;
        m_size = m_capacity = 0;
    }

private:
    void assign(const RawBuffer &other)
    {
        if (other.m_size == 0)
            return;
        reserve(other.m_size);
        std::memcpy(m_data, other.m_data, other.m_size * sizeof(T));
        m_size = other.m_size;
    }

    T *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

struct Column
{
    RawBuffer<char> bytes;
    RawBuffer<quint32> ends; // ends[r + 1] = end of row r (| NullBit); ends[0] = 0

    Column() { ends.push(0); }
    quint32 endOffset() const { return ends[ends.size() - 1] & OffsetMask; }
};

} // namespace

class ResultSetData : public QSharedData
{
public:
    QList<ColumnInfo> columns;
    std::vector<Column> data;
    qsizetype rows = 0;
};

ResultSet::ResultSet()
    : d(new ResultSetData)
{ }

ResultSet::ResultSet(QList<ColumnInfo> columns)
    : d(new ResultSetData)
{
    d->data.resize(size_t(columns.size()));
    d->columns = std::move(columns);
}

ResultSet::ResultSet(const ResultSet &other) = default;
ResultSet::ResultSet(ResultSet &&other) noexcept = default;
ResultSet &ResultSet::operator=(const ResultSet &other) = default;
ResultSet &ResultSet::operator=(ResultSet &&other) noexcept = default;
ResultSet::~ResultSet() = default;

const QList<ColumnInfo> &ResultSet::columns() const
{
    return d->columns;
}

int ResultSet::columnCount() const
{
    return int(d->data.size());
}

qsizetype ResultSet::rowCount() const
{
    return d->rows;
}

bool ResultSet::isNull(qsizetype row, int column) const
{
    Q_ASSERT(row >= 0 && row < d->rows && column >= 0 && column < columnCount());
    return (d->data[size_t(column)].ends[size_t(row) + 1] & NullBit) != 0;
}

QByteArrayView ResultSet::cell(qsizetype row, int column) const
{
    Q_ASSERT(row >= 0 && row < d->rows && column >= 0 && column < columnCount());
    const Column &c = d->data[size_t(column)];
    const quint32 begin = c.ends[size_t(row)] & OffsetMask;
    const quint32 end = c.ends[size_t(row) + 1] & OffsetMask;
    return QByteArrayView(c.bytes.data() + begin, qsizetype(end - begin));
}

QString ResultSet::cellText(qsizetype row, int column) const
{
    if (isNull(row, column))
        return {};
    const QByteArrayView bytes = cell(row, column);
    return bytes.isEmpty() ? QStringLiteral("") : QString::fromUtf8(bytes);
}

bool ResultSet::appendRow(const char *const *values, const unsigned long *lengths)
{
    ResultSetData *data = d.data(); // one detach check per row
    const size_t count = data->data.size();
    for (size_t c = 0; c < count; ++c) {
        if (quint64(data->data[c].endOffset()) + lengths[c] > OffsetMask)
            return false;
    }
    for (size_t c = 0; c < count; ++c) {
        Column &col = data->data[c];
        const quint32 begin = col.endOffset();
        if (!values[c]) {
            col.ends.push(begin | NullBit);
            continue;
        }
        const size_t len = lengths[c];
        if (len)
            std::memcpy(col.bytes.grow(len), values[c], len);
        col.ends.push(begin + quint32(len));
    }
    ++data->rows;
    return true;
}

bool ResultSet::appendRow(const QList<QByteArray> &values)
{
    Q_ASSERT(values.size() == columnCount());
    std::vector<const char *> pointers(size_t(values.size()));
    std::vector<unsigned long> lengths(size_t(values.size()));
    for (qsizetype c = 0; c < values.size(); ++c) {
        pointers[size_t(c)] = values[c].isNull() ? nullptr : values[c].constData();
        lengths[size_t(c)] = values[c].isNull() ? 0 : static_cast<unsigned long>(values[c].size());
    }
    static const char empty = 0;
    for (qsizetype c = 0; c < values.size(); ++c) {
        if (!values[c].isNull() && !pointers[size_t(c)])
            pointers[size_t(c)] = &empty;
    }
    return appendRow(pointers.data(), lengths.data());
}

bool ResultSet::append(const ResultSet &batch)
{
    if (batch.d->rows == 0)
        return true;
    if (batch.columnCount() != columnCount())
        return false;
    if (d.constData()->rows == 0 && d.constData()->columns == batch.d->columns) {
        // Fast path for the first batch: share it instead of copying.
        d = batch.d;
        return true;
    }
    ResultSetData *data = d.data();
    const ResultSetData *src = batch.d.constData();
    for (size_t c = 0; c < data->data.size(); ++c) {
        if (quint64(data->data[c].endOffset()) + src->data[c].endOffset() > OffsetMask)
            return false;
    }
    for (size_t c = 0; c < data->data.size(); ++c) {
        Column &dst = data->data[c];
        const Column &from = src->data[c];
        const quint32 base = dst.endOffset();
        const size_t bytes = from.endOffset();
        if (bytes)
            std::memcpy(dst.bytes.grow(bytes), from.bytes.data(), bytes);
        const size_t rows = size_t(src->rows);
        quint32 *out = dst.ends.grow(rows);
        const quint32 *in = from.ends.data() + 1;
        for (size_t r = 0; r < rows; ++r)
            out[r] = in[r] + base; // base < 2^31 and the sum was checked, so the NULL bit is preserved
    }
    data->rows += src->rows;
    return true;
}

void ResultSet::reserve(qsizetype rows, qsizetype bytesPerRow)
{
    ResultSetData *data = d.data();
    for (Column &c : data->data) {
        c.ends.reserve(size_t(data->rows + rows) + 1);
        c.bytes.reserve(c.bytes.size() + size_t(rows * bytesPerRow));
    }
}

void ResultSet::squeeze()
{
    for (Column &c : d->data) {
        c.bytes.squeeze();
        c.ends.squeeze();
    }
}

void ResultSet::clear()
{
    ResultSetData *data = d.data();
    for (Column &c : data->data) {
        c.bytes.resize(0);
        c.ends.resize(1);
    }
    data->rows = 0;
}

void ResultSet::releaseRows()
{
    ResultSetData *data = d.data();
    for (Column &c : data->data) {
        c.bytes.release();
        c.ends.release();
        c.ends.push(0);
    }
    data->rows = 0;
}

qsizetype ResultSet::payloadBytes() const
{
    qsizetype total = 0;
    for (const Column &c : d->data)
        total += qsizetype(c.endOffset());
    return total;
}

qsizetype ResultSet::memoryUsage() const
{
    qsizetype total = qsizetype(sizeof(ResultSetData) + d->data.capacity() * sizeof(Column));
    for (const Column &c : d->data)
        total += qsizetype(c.bytes.capacity() + c.ends.capacity() * sizeof(quint32));
    return total;
}

} // namespace Core
