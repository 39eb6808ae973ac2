#pragma once

#include <QList>
#include <QStringList>

namespace Schema {

// A line-based diff (Myers' O(ND) algorithm) for showing two CREATE statements side by side.
class TextDiff
{
public:
    enum class Kind { Equal, Removed, Added, Changed };

    struct Line
    {
        Kind kind = Kind::Equal; // Equal, Removed or Added
        int fromLine = -1; // 0-based line in `from`, -1 for an added line
        int toLine = -1; // 0-based line in `to`, -1 for a removed line
    };

    struct Row
    {
        Kind kind = Kind::Equal; // a Removed run next to an Added run pairs up as Changed rows
        int left = -1; // line in `from`, -1 for an empty cell
        int right = -1; // line in `to`
    };

    // A shortest edit script as lines: every line of both sides appears exactly once, in order.
    static QList<Line> lines(const QStringList &from, const QStringList &to);
    // The same, as rows of a two-column view.
    static QList<Row> sideBySide(const QStringList &from, const QStringList &to);
};

} // namespace Schema
