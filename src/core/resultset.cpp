#include "core/resultset.h"

#include <QSharedData>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace Core {

namespace {

constexpr quint64 OffsetLimit = 0x7fffffffu; // 2 GiB of cell bytes per column
constexpr size_t BlockShift = 6;
constexpr size_t BlockRows = size_t(1) << BlockShift; // rows per block of offsets
constexpr size_t BlockMask = BlockRows - 1;
constexpr quint32 NarrowBlock = 0xffffffffu;
constexpr size_t LargeBytes = size_t(1) << 20; // from here on, buffers are mapped pages

// Growable array of trivially copyable values. Small buffers live on the heap and grow by 1.5x; from 1 MiB
// on (Linux) they are anonymous mappings grown with mremap, which moves page tables instead of copying
// bytes, so they can grow in small steps (1/32) and stay close to their contents: spare capacity is
// what keeps a big result above its payload. Elsewhere big buffers grow by 1/8 with realloc.
template<typename T> class RawBuffer
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    RawBuffer() = default;
    RawBuffer(const RawBuffer &other) { assign(other); }
    RawBuffer &operator=(const RawBuffer &other)
    {
        if (this != &other) {
            release();
            assign(other);
        }
        return *this;
    }
    ~RawBuffer() { release(); }

    T *data() { return m_data; }
    const T *data() const { return m_data; }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }
    T &operator[](size_t i) { return m_data[i]; }
    const T &operator[](size_t i) const { return m_data[i]; }

    void reserve(size_t capacity)
    {
        if (capacity > m_capacity)
            reallocate(capacity);
    }
    // Makes room for `extra` more values and returns where they go.
    T *grow(size_t extra)
    {
        const size_t needed = m_size + extra;
        if (needed > m_capacity) {
            const size_t bytes = m_capacity * sizeof(T);
            const size_t step = bytes < LargeBytes ? m_capacity / 2 : m_capacity / (mappable() ? 32 : 8);
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
        if (m_size == 0)
            release();
        else if (m_capacity > m_size)
            reallocate(m_size);
    }
    void release()
    {
        if (m_mapped)
            unmap(m_data, m_capacity * sizeof(T));
        else
            std::free(m_data);
        m_data = nullptr;
        m_size = m_capacity = 0;
        m_mapped = false;
    }

private:
    static constexpr bool mappable()
    {
#ifdef Q_OS_LINUX
        return true;
#else
        return false;
#endif
    }
    static size_t pageRounded(size_t bytes)
    {
#ifdef Q_OS_LINUX
        static const size_t page = size_t(sysconf(_SC_PAGESIZE));
        return (bytes + page - 1) / page * page;
#else
        return bytes;
#endif
    }
    static void unmap(T *data, size_t bytes)
    {
#ifdef Q_OS_LINUX
        munmap(data, bytes);
#else
        Q_UNUSED(data);
        Q_UNUSED(bytes);
#endif
    }
    // Gives the buffer room for exactly `capacity` values (rounded up to whole pages when mapped).
    void reallocate(size_t capacity)
    {
        const size_t bytes = capacity * sizeof(T);
        if (mappable() && bytes >= LargeBytes) {
            mapTo(pageRounded(bytes));
            return;
        }
        if (m_mapped) { // shrinking below the mapping threshold: back to the heap
            T *p = static_cast<T *>(std::malloc(bytes));
            if (!p)
                throw std::bad_alloc();
            std::memcpy(p, m_data, m_size * sizeof(T));
            unmap(m_data, m_capacity * sizeof(T));
            m_data = p;
            m_mapped = false;
        } else if (void *p = std::realloc(m_data, bytes)) {
            m_data = static_cast<T *>(p);
        } else {
            throw std::bad_alloc(); // out of memory ends the process, as everywhere in Qt
        }
        m_capacity = capacity;
    }
    void mapTo(size_t bytes)
    {
#ifdef Q_OS_LINUX
        void *p = MAP_FAILED;
        if (m_mapped) {
            p = mremap(m_data, m_capacity * sizeof(T), bytes, MREMAP_MAYMOVE);
        } else {
            p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p != MAP_FAILED && m_data) {
                std::memcpy(p, m_data, m_size * sizeof(T));
                std::free(m_data);
            }
        }
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        m_data = static_cast<T *>(p);
        m_capacity = bytes / sizeof(T);
        m_mapped = true;
#else
        Q_UNUSED(bytes);
#endif
    }
    void assign(const RawBuffer &other)
    {
        if (other.m_size == 0)
            return;
        reallocate(other.m_size);
        std::memcpy(m_data, other.m_data, other.m_size * sizeof(T));
        m_size = other.m_size;
    }

    T *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
    bool m_mapped = false;
};

// The offsets of 64 rows: where the block's cells begin in the arena, and which are NULL. A block whose
// cells span less than 64 KiB (nearly all) keeps its rows' ends as 16-bit offsets from `base`; a wider one
// keeps 64 absolute 32-bit ends in `wideEnds`, starting at index `wide`.
struct Block
{
    quint32 base = 0;
    quint32 wide = NarrowBlock;
    quint64 nulls = 0;
};

struct Column
{
    RawBuffer<char> bytes;
    RawBuffer<quint16> ends; // one per row: end of the cell relative to its block's base (narrow blocks)
    RawBuffer<Block> blocks; // one per 64 rows
    RawBuffer<quint32> wideEnds;

    quint32 endOffset() const { return quint32(bytes.size()); }
    quint32 end(size_t row) const
    {
        const Block &b = blocks[row >> BlockShift];
        return b.wide == NarrowBlock ? b.base + ends[row] : wideEnds[b.wide + (row & BlockMask)];
    }
    quint32 begin(size_t row) const { return (row & BlockMask) ? end(row - 1) : blocks[row >> BlockShift].base; }
    bool isNull(size_t row) const { return (blocks[row >> BlockShift].nulls >> (row & BlockMask)) & 1u; }

    // Records row `row` (the next one) as the bytes [begin, end) already in the arena.
    void pushEnd(size_t row, quint32 begin, quint32 end, bool null)
    {
        if ((row & BlockMask) == 0)
            blocks.push(Block { begin, NarrowBlock, 0 });
        Block &b = blocks[row >> BlockShift];
        const quint32 relative = end - b.base;
        if (b.wide == NarrowBlock && relative > 0xffffu)
            widen(b, row);
        if (b.wide != NarrowBlock)
            wideEnds[b.wide + (row & BlockMask)] = end;
        ends.push(quint16(relative)); // unused in wide blocks, kept so that ends[row] is always the row's
        if (null)
            b.nulls |= quint64(1) << (row & BlockMask);
    }
    void widen(Block &b, size_t row)
    {
        b.wide = quint32(wideEnds.size());
        quint32 *out = wideEnds.grow(BlockRows);
        const size_t first = row & ~BlockMask;
        for (size_t r = first; r < row; ++r)
            out[r - first] = b.base + ends[r];
    }
    void resetRows()
    {
        bytes.resize(0);
        ends.resize(0);
        blocks.resize(0);
        wideEnds.resize(0);
    }
    void squeeze()
    {
        bytes.squeeze();
        ends.squeeze();
        blocks.squeeze();
        wideEnds.squeeze();
    }
    void release()
    {
        bytes.release();
        ends.release();
        blocks.release();
        wideEnds.release();
    }
    size_t allocated() const
    {
        return bytes.capacity() + ends.capacity() * sizeof(quint16) + blocks.capacity() * sizeof(Block)
            + wideEnds.capacity() * sizeof(quint32);
    }
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
    return d->data[size_t(column)].isNull(size_t(row));
}

QByteArrayView ResultSet::cell(qsizetype row, int column) const
{
    Q_ASSERT(row >= 0 && row < d->rows && column >= 0 && column < columnCount());
    const Column &c = d->data[size_t(column)];
    const quint32 begin = c.begin(size_t(row));
    return QByteArrayView(c.bytes.data() + begin, qsizetype(c.end(size_t(row)) - begin));
}

QString ResultSet::cellText(qsizetype row, int column) const
{
    if (isNull(row, column))
        return {};
    const QByteArrayView bytes = cell(row, column);
    return bytes.isEmpty() ? QStringLiteral("") : QString::fromUtf8(bytes);
}

QByteArrayView ResultSet::columnBytes(int column) const
{
    Q_ASSERT(column >= 0 && column < columnCount());
    const Column &c = d->data[size_t(column)];
    return QByteArrayView(c.bytes.data(), qsizetype(c.bytes.size()));
}

qsizetype ResultSet::rowAtOffset(int column, qsizetype offset) const
{
    Q_ASSERT(column >= 0 && column < columnCount());
    const Column &c = d->data[size_t(column)];
    if (offset < 0 || offset >= qsizetype(c.bytes.size()))
        return -1;
    const Block *blocks = c.blocks.data();
    const size_t blockCount = c.blocks.size();
    const Block *it = std::upper_bound(
        blocks, blocks + blockCount, quint32(offset), [](quint32 o, const Block &b) { return o < b.base; });
    const size_t block = size_t(it - blocks) - 1;
    const size_t last = std::min(size_t(d->rows), (block + 1) * BlockRows);
    for (size_t row = block * BlockRows; row < last; ++row) {
        if (c.end(row) > quint32(offset))
            return qsizetype(row);
    }
    return -1; // not reached: the block holding the byte ends past it
}

bool ResultSet::appendRow(const char *const *values, const unsigned long *lengths)
{
    ResultSetData *data = d.data(); // one detach check per row
    const size_t count = data->data.size();
    for (size_t c = 0; c < count; ++c) {
        if (quint64(data->data[c].endOffset()) + lengths[c] > OffsetLimit)
            return false;
    }
    const size_t row = size_t(data->rows);
    for (size_t c = 0; c < count; ++c) {
        Column &col = data->data[c];
        const quint32 begin = col.endOffset();
        const size_t len = values[c] ? lengths[c] : 0;
        if (len)
            std::memcpy(col.bytes.grow(len), values[c], len);
        col.pushEnd(row, begin, begin + quint32(len), !values[c]);
    }
    ++data->rows;
    return true;
}

bool ResultSet::appendRow(const QList<QByteArray> &values)
{
    Q_ASSERT(values.size() == columnCount());
    static const char empty = 0;
    std::vector<const char *> pointers(size_t(values.size()));
    std::vector<unsigned long> lengths(size_t(values.size()));
    for (qsizetype c = 0; c < values.size(); ++c) {
        const bool null = values[c].isNull();
        pointers[size_t(c)] = null ? nullptr : (values[c].isEmpty() ? &empty : values[c].constData());
        lengths[size_t(c)] = null ? 0 : static_cast<unsigned long>(values[c].size());
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
        if (quint64(data->data[c].endOffset()) + src->data[c].endOffset() > OffsetLimit)
            return false;
    }
    const size_t first = size_t(data->rows);
    const size_t rows = size_t(src->rows);
    for (size_t c = 0; c < data->data.size(); ++c) {
        Column &dst = data->data[c];
        const Column &from = src->data[c];
        const quint32 base = dst.endOffset();
        if (const size_t bytes = from.endOffset())
            std::memcpy(dst.bytes.grow(bytes), from.bytes.data(), bytes);
        dst.ends.reserve(first + rows);
        dst.blocks.reserve((first + rows + BlockMask) >> BlockShift);
        quint32 begin = base;
        for (size_t r = 0; r < rows; ++r) {
            const quint32 end = base + from.end(r);
            dst.pushEnd(first + r, begin, end, from.isNull(r));
            begin = end;
        }
    }
    data->rows += src->rows;
    return true;
}

void ResultSet::reserve(qsizetype rows, qsizetype bytesPerRow)
{
    ResultSetData *data = d.data();
    const size_t total = size_t(data->rows + rows);
    for (Column &c : data->data) {
        c.ends.reserve(total);
        c.blocks.reserve((total + BlockMask) >> BlockShift);
        c.bytes.reserve(c.bytes.size() + size_t(rows * bytesPerRow));
    }
}

void ResultSet::squeeze()
{
    for (Column &c : d->data)
        c.squeeze();
}

void ResultSet::clear()
{
    ResultSetData *data = d.data();
    for (Column &c : data->data)
        c.resetRows();
    data->rows = 0;
}

void ResultSet::releaseRows()
{
    ResultSetData *data = d.data();
    for (Column &c : data->data)
        c.release();
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
        total += qsizetype(c.allocated());
    return total;
}

} // namespace Core
