#pragma once

#include "core/region.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Core {

// Database.state: pending, importing, sleep_in_progress, sleeping, awakening, import_ready, ready.
// Kept as the server's string so unknown values are shown rather than rejected.
struct Database
{
    QString id;
    QString name;
    QString state;
    QString kind; // "mysql" | "postgresql"
    QString url;
    QString branchesUrl;
    QString htmlUrl;
    QString defaultBranch;
    QString plan;
    QString migrationTableName;
    QString migrationFramework;
    Region region;
    qint64 branchesCount = 0;
    qint64 developmentBranchesCount = 0;
    qint64 productionBranchesCount = 0;
    qint64 openSchemaRecommendationsCount = 0;
    std::optional<qint64> issuesCount;
    qint64 defaultBranchShardCount = 0;
    qint64 defaultBranchReadOnlyRegionsCount = 0;
    qint64 defaultBranchTableCount = 0;
    bool ready = false;
    bool sharded = false;
    bool requireApprovalForDeploy = false;
    bool deletionProtected = false;
    bool resizing = false;
    bool resizeQueued = false;
    bool allowDataBranching = false;
    bool foreignKeysEnabled = false;
    std::optional<bool> automaticMigrations;
    bool restrictBranchRegion = false;
    bool insightsRawQueries = false;
    bool insightsEnabled = false;
    bool productionBranchWebConsole = false;
    bool configChanging = false;
    bool configChangeQueued = false;
    bool multipleAdminsRequiredForDeletion = false;
    bool atBackupRestoreBranchesLimit = false;
    bool atDevelopmentBranchUsageLimit = false;
    QString dataImportState; // data_import.state while an import runs; empty otherwise
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime schemaLastUpdatedAt; // invalid when null
};

} // namespace Core
