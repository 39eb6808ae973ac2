#pragma once

#include "core/result.h"
#include "local/sqlsession.h"
#include "schema/schemamodel.h"

#include <QList>

namespace Local {

// Something that stops a deployment before anything runs: a change that would reject, drop or alter rows
// the table holds, or a shape the sandbox cannot change online.
struct DeployFinding
{
    QString code; // UNIQUE_KEY_DUPLICATES, NOT_NULL_VIOLATED, VALUES_WOULD_CHANGE, ENUM_VALUE_REMOVED,
                  // CHARSET_LOSES_CHARACTERS, CHECK_CONSTRAINT_VIOLATED, UNSUPPORTED_CHANGE
    QString table;
    QString column; // or empty
    QString constraint; // index or CHECK name, or empty
    qint64 rows = 0; // offending rows (0 for a refused shape)
    QString description; // one sentence naming the table, the constraint and the number of rows
};

// Counts the rows of a live table that a change of shape would reject, drop or alter: new UNIQUE/PRIMARY
// keys over duplicates, NOT NULL over NULLs, narrower integer and decimal ranges, shorter lengths, fewer
// fractional digits, removed ENUM/SET members, character sets that cannot hold the characters stored,
// CHECK constraints the rows violate. Column predicates share one scan of the table; each new unique key
// and CHECK constraint takes one more.
class DataCheck
{
public:
    static Core::Result<QList<DeployFinding>> run(
        SqlSession &session, const QString &schema, const Schema::Table &from, const Schema::Table &to);

    // The condition true for a row whose value of `from` cannot become `to` unchanged (empty: none can).
    static QString lossPredicate(
        const Schema::Column &from, const QString &fromCharset, const Schema::Column &to, const QString &toCharset);
    static QString effectiveCharset(const Schema::Column &column, const Schema::Table &table);

private:
    static Core::Result<QList<DeployFinding>> columnFindings(
        SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to);
    static Core::Result<QList<DeployFinding>> uniqueFindings(
        SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to);
    static Core::Result<QList<DeployFinding>> checkFindings(
        SqlSession &session, const QString &qualified, const Schema::Table &from, const Schema::Table &to);
};

} // namespace Local
