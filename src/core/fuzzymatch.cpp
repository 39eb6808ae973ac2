#include "core/fuzzymatch.h"

#include <limits>
#include <vector>

namespace Core {

namespace {

constexpr int matchScore = 16;
constexpr int wordStartBonus = 24;
constexpr int firstCharBonus = 16;
constexpr int consecutiveBonus = 28; // more than a word start: "ord" → orders before o_r_d
constexpr int gapPenalty = 1;
constexpr int none = std::numeric_limits<int>::min() / 2;

bool isSeparator(QChar c)
{
    return c == u'/' || c == u'-' || c == u'_' || c == u' ' || c == u'.' || c == u'#' || c == u':' || c == u'`';
}

// A character that starts a word: the first one, one after a separator, or an upper-case letter after a
// lower-case one (camelCase).
bool startsWord(const QString &text, int i)
{
    if (i == 0)
        return true;
    const QChar previous = text.at(i - 1);
    return isSeparator(previous) || (text.at(i).isUpper() && previous.isLower())
        || (text.at(i).isDigit() && !previous.isDigit());
}

} // namespace

std::optional<FuzzyMatch::Match> FuzzyMatch::match(const QString &pattern, const QString &text)
{
    const int m = int(pattern.size());
    const int n = int(text.size());
    if (m == 0)
        return Match {};
    if (m > n)
        return std::nullopt;
    const QString p = pattern.toCaseFolded();
    const QString t = text.toCaseFolded();
    // best[i][j]: best score of matching p[0..i] with p[i] at t[j]; from[i][j]: where p[i-1] was.
    std::vector<int> best(size_t(m) * size_t(n), none);
    std::vector<int> from(size_t(m) * size_t(n), -1);
    auto at = [n](std::vector<int> &v, int i, int j) -> int & { return v[size_t(i) * size_t(n) + size_t(j)]; };
    for (int i = 0; i < m; ++i) {
        for (int j = i; j < n; ++j) {
            if (t.at(j) != p.at(i))
                continue;
            const int bonus = matchScore + (startsWord(text, j) ? wordStartBonus : 0) + (j == 0 ? firstCharBonus : 0);
            if (i == 0) {
                at(best, i, j) = bonus - j * gapPenalty;
                continue;
            }
            for (int k = i - 1; k < j; ++k) {
                const int previous = at(best, i - 1, k);
                if (previous == none)
                    continue;
                const int gap = j - k - 1;
                const int score = previous + bonus + (gap == 0 ? consecutiveBonus : -gap * gapPenalty);
                if (score > at(best, i, j)) {
                    at(best, i, j) = score;
                    at(from, i, j) = k;
                }
            }
        }
    }
    int end = -1;
    int score = none;
    for (int j = m - 1; j < n; ++j) {
        if (at(best, m - 1, j) > score) {
            score = at(best, m - 1, j);
            end = j;
        }
    }
    if (end < 0)
        return std::nullopt;
    Match result;
    result.score = score - (n - m); // shorter texts first when the rest is equal
    result.positions.resize(m);
    for (int i = m - 1, j = end; i >= 0; j = at(from, i, j), --i)
        result.positions[i] = j;
    return result;
}

} // namespace Core
