#include "schema/tablememo.h"

namespace Schema {

namespace {

// Long enough to hold CREATE TABLE and the name, so that heads rarely collide.
constexpr qsizetype headLength = 64;

QStringView head(QStringView text)
{
    return text.first(qMin(text.size(), headLength));
}

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\n' || c == u'\t' || c == u'\r';
}

} // namespace

const Table *TableMemo::find(QStringView createStatement) const
{
    const auto it = m_tables.constFind(createStatement);
    return it == m_tables.cend() ? nullptr : &it.value();
}

const Table *TableMemo::findAt(QStringView script, qsizetype pos, qsizetype *next) const
{
    while (pos < script.size() && isBlank(script[pos]))
        ++pos;
    if (m_heads.isEmpty() || pos >= script.size())
        return nullptr;
    const QStringView rest = script.sliced(pos);
    const auto [first, last] = m_heads.equal_range(head(rest));
    for (auto it = first; it != last; ++it) {
        const QStringView text = it.value();
        if (!rest.startsWith(text))
            continue;
        qsizetype end = pos + text.size();
        while (end < script.size() && isBlank(script[end]))
            ++end;
        if (end < script.size() && script[end] != u';')
            continue; // the statement goes on: not this text
        *next = end < script.size() ? end + 1 : end;
        return find(text);
    }
    return nullptr;
}

void TableMemo::remember(const Table &table)
{
    if (table.createStatement.isEmpty() || m_tables.contains(table.createStatement))
        return;
    Table copy = table;
    const QStringView key = copy.createStatement;
    m_tables.emplace(key, std::move(copy));
    m_heads.insert(head(key), key);
}

} // namespace Schema
