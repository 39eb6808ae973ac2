#pragma once

#include "core/querypattern.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Core {

// What Branchdeck does with a pattern's normalized SQL (the server's digest text, literals as `?`, lists
// as `(...)`) and with the statements of the editor, on the project's SqlLexer:
namespace PatternSql {

// The statement as a pattern: code tokens only, keywords and identifiers upper-cased without quotes,
// every literal and placeholder `?`, every parenthesised list of them `( ? )`, one space apart. A
// statement from the editor and its pattern's normalized SQL have the same canonical form.
QString canonical(QStringView sql);

// The normalized SQL as a person reads it: whitespace runs as one space, none after "(" or "." nor before
// ",", ")" or "." — the server's digest text spaces every token ("`t` . `c` , COUNT ( * )"). It only ever
// removes or shortens whitespace between tokens, so a token is never split or joined to another.
QString readable(QStringView sql);

// The pattern with a value in place of each placeholder (`?` → 1, `(...)` → (1)), so the server can
// EXPLAIN it. The plan is the one for that value: good for access types, not for exact row estimates.
QString withSampleValues(QStringView sql);

// An index that would let the pattern's WHERE find its rows without reading the others: on its only
// table, the columns compared with = or IN first, then one compared by range (<, >, BETWEEN, LIKE).
struct IndexSuggestion
{
    QString table;
    QStringList columns;
    bool isValid() const { return !table.isEmpty() && !columns.isEmpty(); }
    QString indexName() const;
    QString ddl() const; // ALTER TABLE `t` ADD INDEX `idx_a_b` (`a`, `b`)
};
IndexSuggestion suggestIndex(QStringView sql);

// Rows read per row returned from which the window's pattern detail suggests an index.
inline constexpr double suggestIndexFrom = 10.0;
// From which the sandbox opens a standing new_index recommendation: ten times the window's hint, since a
// recommendation stays listed until applied or dismissed while the hint only shows on a selected pattern.
inline constexpr double recommendIndexFrom = 10 * suggestIndexFrom;

// The index worth adding for `pattern` (the window's hint and the sandbox's new_index recommendation share
// this rule): its WHERE's suggestion when it reads at least `from` rows for each row it returns, or,
// returning none, at least `from` rows per query; invalid otherwise.
IndexSuggestion indexAdvice(const QueryPattern &pattern, double from = suggestIndexFrom);

} // namespace PatternSql
} // namespace Core
