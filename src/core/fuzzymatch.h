#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Core {

// Fuzzy matching for quick open: every character of the pattern must appear in the text in order (case
// does not matter); the score rewards matches at the start of words ("aos" → add-order-status), runs of
// consecutive characters and short texts, so the best candidate comes first. Positions are returned for
// highlighting.
class FuzzyMatch
{
public:
    struct Match
    {
        int score = 0;
        QList<int> positions; // UTF-16 offsets in the text, ascending
    };

    // nullopt when the pattern does not match; an empty pattern matches everything with score 0.
    static std::optional<Match> match(const QString &pattern, const QString &text);
};

} // namespace Core
