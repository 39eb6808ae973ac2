#pragma once

#include <QList>
#include <QString>

namespace Schema {

// The words that differ between two versions of one line (a changed row of a side-by-side diff), so the
// view can mark `bigint(20)` → `bigint unsigned` inside the line instead of the whole line. Words are
// identifiers and numbers, `quoted` or 'quoted' names and strings as one word, single punctuation marks;
// runs of spaces are their own words. The longest common subsequence of words is kept; what is left on
// each side is reported as character ranges, adjacent ones merged.
class WordDiff
{
public:
    struct Range
    {
        int begin = 0; // UTF-16 offset in the line
        int length = 0;
        bool operator==(const Range &other) const = default;
    };
    struct Result
    {
        QList<Range> removed; // in the old line
        QList<Range> added; // in the new line
    };

    static Result compare(const QString &oldLine, const QString &newLine);
    static QList<Range> words(const QString &line); // the tokenisation, exposed for tests
};

} // namespace Schema
