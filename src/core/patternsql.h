#pragma once

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

} // namespace PatternSql
} // namespace Core
