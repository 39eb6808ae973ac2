#include "schema/textdiff.h"

#include <vector>

namespace Schema {

namespace {

// Myers' greedy forward search, keeping each round's frontier to walk the path back.
QList<TextDiff::Line> myers(const QStringList &a, int aBegin, int aEnd, const QStringList &b, int bBegin, int bEnd)
{
    const int n = aEnd - aBegin;
    const int m = bEnd - bBegin;
    const int max = n + m;
    const int offset = max + 1;
    std::vector<int> v(2 * max + 3, 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[aBegin + x] == b[bBegin + y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    QList<TextDiff::Line> reversed;
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &pv = trace[d];
        const int k = x - y;
        const bool down = k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1]);
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = pv[offset + prevK];
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY)
            reversed.append({ TextDiff::Kind::Equal, aBegin + --x, bBegin + --y });
        if (down)
            reversed.append({ TextDiff::Kind::Added, -1, bBegin + --y });
        else
            reversed.append({ TextDiff::Kind::Removed, aBegin + --x, -1 });
    }
    while (x > 0 && y > 0)
        reversed.append({ TextDiff::Kind::Equal, aBegin + --x, bBegin + --y });
    return QList<TextDiff::Line>(reversed.crbegin(), reversed.crend());
}

} // namespace

QList<TextDiff::Line> TextDiff::lines(const QStringList &from, const QStringList &to)
{
    // Common head and tail are matched directly, which keeps the search small for similar texts.
    int head = 0;
    while (head < from.size() && head < to.size() && from[head] == to[head])
        ++head;
    int tail = 0;
    while (tail < from.size() - head && tail < to.size() - head
        && from[from.size() - 1 - tail] == to[to.size() - 1 - tail])
        ++tail;
    QList<Line> out;
    for (int i = 0; i < head; ++i)
        out.append({ Kind::Equal, i, i });
    out += myers(from, head, int(from.size()) - tail, to, head, int(to.size()) - tail);
    for (int i = tail; i > 0; --i)
        out.append({ Kind::Equal, int(from.size()) - i, int(to.size()) - i });
    return out;
}

QList<TextDiff::Row> TextDiff::sideBySide(const QStringList &from, const QStringList &to)
{
    const QList<Line> script = lines(from, to);
    QList<Row> rows;
    for (qsizetype i = 0; i < script.size();) {
        if (script[i].kind == Kind::Equal) {
            rows.append({ Kind::Equal, script[i].fromLine, script[i].toLine });
            ++i;
            continue;
        }
        QList<int> removed;
        QList<int> added;
        for (; i < script.size() && script[i].kind != Kind::Equal; ++i) {
            if (script[i].kind == Kind::Removed)
                removed.append(script[i].fromLine);
            else
                added.append(script[i].toLine);
        }
        const qsizetype paired = qMin(removed.size(), added.size());
        for (qsizetype j = 0; j < qMax(removed.size(), added.size()); ++j) {
            if (j < paired)
                rows.append({ Kind::Changed, removed[j], added[j] });
            else if (j < removed.size())
                rows.append({ Kind::Removed, removed[j], -1 });
            else
                rows.append({ Kind::Added, -1, added[j] });
        }
    }
    return rows;
}

} // namespace Schema
