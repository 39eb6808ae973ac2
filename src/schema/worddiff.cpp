#include "schema/worddiff.h"

#include <QStringView>

#include <vector>

namespace Schema {

namespace {

enum class Kind { Word, Space, Quoted, Mark };

Kind kindOf(QChar c)
{
    if (c.isLetterOrNumber() || c == u'_' || c == u'$')
        return Kind::Word;
    if (c.isSpace())
        return Kind::Space;
    if (c == u'`' || c == u'\'' || c == u'"')
        return Kind::Quoted;
    return Kind::Mark;
}

// Marks the ranges of `tokens` whose `kept` flag is false, merging neighbours.
QList<WordDiff::Range> unkept(const QList<WordDiff::Range> &tokens, const std::vector<bool> &kept)
{
    QList<WordDiff::Range> result;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (kept[size_t(i)])
            continue;
        const WordDiff::Range &t = tokens.at(i);
        if (!result.isEmpty() && result.last().begin + result.last().length == t.begin)
            result.last().length += t.length;
        else
            result.append(t);
    }
    return result;
}

} // namespace

QList<WordDiff::Range> WordDiff::words(const QString &line)
{
    QList<Range> tokens;
    const int n = int(line.size());
    int i = 0;
    while (i < n) {
        const QChar c = line.at(i);
        int end = i + 1;
        switch (kindOf(c)) {
        case Kind::Word:
            while (end < n && kindOf(line.at(end)) == Kind::Word)
                ++end;
            break;
        case Kind::Space:
            while (end < n && kindOf(line.at(end)) == Kind::Space)
                ++end;
            break;
        case Kind::Quoted:
            // Up to the closing quote (a doubled quote stays inside); an unclosed one runs to the end.
            while (end < n) {
                if (line.at(end) == c) {
                    if (end + 1 < n && line.at(end + 1) == c) {
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                ++end;
            }
            break;
        case Kind::Mark:
            break;
        }
        tokens.append({ i, end - i });
        i = end;
    }
    return tokens;
}

WordDiff::Result WordDiff::compare(const QString &oldLine, const QString &newLine)
{
    const QList<Range> a = words(oldLine);
    const QList<Range> b = words(newLine);
    auto text = [](const QString &line, const Range &r) { return QStringView(line).mid(r.begin, r.length); };
    // LCS table over words; lines of DDL are short (tens of words), so the quadratic table is small.
    const size_t n = size_t(a.size());
    const size_t m = size_t(b.size());
    std::vector<int> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> int & { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
        for (size_t j = m; j-- > 0;) {
            at(i, j) = text(oldLine, a[qsizetype(i)]) == text(newLine, b[qsizetype(j)])
                ? at(i + 1, j + 1) + 1
                : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    std::vector<bool> keptA(n, false);
    std::vector<bool> keptB(m, false);
    size_t i = 0;
    size_t j = 0;
    while (i < n && j < m) {
        if (text(oldLine, a[qsizetype(i)]) == text(newLine, b[qsizetype(j)])) {
            keptA[i++] = true;
            keptB[j++] = true;
        } else if (at(i + 1, j) > at(i, j + 1)) { // ties step the new line: an insertion takes the space before it
            ++i;
        } else {
            ++j;
        }
    }
    // A space kept between two changed words reads better marked with them.
    auto absorbSpaces = [](const QList<Range> &tokens, const QString &line, std::vector<bool> &kept) {
        for (size_t k = 1; k + 1 < kept.size(); ++k) {
            if (kept[k] && !kept[k - 1] && !kept[k + 1] && line.at(tokens[qsizetype(k)].begin).isSpace())
                kept[k] = false;
        }
    };
    absorbSpaces(a, oldLine, keptA);
    absorbSpaces(b, newLine, keptB);
    return { unkept(a, keptA), unkept(b, keptB) };
}

} // namespace Schema
