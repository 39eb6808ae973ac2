#pragma once

#include <QString>
#include <QStringList>

namespace Core {

// A schema lint finding (branch lint or a deployment's lint_errors).
struct LintError
{
    QString lintError; // code, e.g. NO_UNIQUE_KEY
    QString subjectType; // table | vschema | routing_rules
    QString keyspaceName;
    QString tableName;
    QString columnName;
    QString indexName; // DUPLICATE_INDEX, REDUNDANT_INDEX: the index to drop (not part of the API's answer)
    QString errorDescription;
    QString docsUrl;
    QString charsetName; // INVALID_CHARSET
    QString engineName; // INVALID_ENGINE
    QStringList foreignKeyColumnNames;
    QStringList autoIncrementColumnNames;
};

} // namespace Core
