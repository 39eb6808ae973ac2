#pragma once

#include "core/result.h"
#include "local/datacheck.h"
#include "local/deployrecords.h"
#include "local/deploysettings.h"

#include <QJsonArray>

namespace Local {

// Everything that refuses a deployment before anything runs, for all its operations: shapes the sandbox
// cannot change online (no primary key, a primary key column dropped, a table other tables reference by
// foreign key, a self-reference, a user trigger reading a dropped column) and the rows a change would
// reject, drop or alter (DataCheck). Run when the request is created (its lint errors), when Deploy is
// pressed and again when the deployment starts.
class DeployChecks
{
public:
    static Core::Result<QList<DeployFinding>> run(SqlSession &session, const QString &baseSchema,
        const QList<DeployOperationRecord> &operations, const DeploySettings &settings);

    // The API's lint_errors items.
    static QJsonArray toJson(const QList<DeployFinding> &findings, const QString &keyspace);
    // One message for deploy_errors: every finding's sentence.
    static QString summary(const QList<DeployFinding> &findings);

private:
    static Core::Result<QList<DeployFinding>> shapeFindings(SqlSession &session, const QString &baseSchema,
        const DeployOperationRecord &op, const DeploySettings &settings);
};

} // namespace Local
