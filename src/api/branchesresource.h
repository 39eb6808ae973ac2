#pragma once

#include "api/resource.h"
#include "core/branch.h"
#include "core/keyspace.h"
#include "core/linterror.h"
#include "core/tableddl.h"

#include <optional>

namespace Api {

struct BranchFilter
{
    QString search; // q
    std::optional<bool> production;
    std::optional<bool> safeMigrations;
    QString order; // "asc" | "desc"
};

struct CreateBranchOptions
{
    QString name;
    QString parentBranch; // empty: the database's default branch
    QString backupId; // restore this backup into the new branch
    QString region;
    QString seedData; // "last_successful_backup"
    QString clusterSize;
};

// /organizations/{org}/databases/{db}/branches
class BranchesResource : public Resource
{
public:
    using Resource::Resource;

    RequestId list(const QString &org, const QString &db, const BranchFilter &filter, QObject *context,
        Callback<QList<Core::Branch>> callback) const;
    RequestId get(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<Core::Branch> callback) const;
    RequestId create(const QString &org, const QString &db, const CreateBranchOptions &options, QObject *context,
        Callback<Core::Branch> callback) const;
    RequestId remove(const QString &org, const QString &db, const QString &branch, bool deleteDescendants,
        QObject *context, Callback<NoContent> callback) const;
    RequestId promote(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<Core::Branch> callback) const;
    RequestId demote(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<Core::Branch> callback) const;
    // keyspace: empty for all keyspaces.
    RequestId schema(const QString &org, const QString &db, const QString &branch, const QString &keyspace,
        QObject *context, Callback<QList<Core::TableDdl>> callback) const;
    RequestId lint(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::LintError>> callback) const;
    // The branch's schema changes against its parent.
    RequestId diff(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::TableDdl>> callback) const;
    RequestId refreshSchema(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<NoContent> callback) const;
    RequestId setSafeMigrations(const QString &org, const QString &db, const QString &branch, bool enabled,
        QObject *context, Callback<Core::Branch> callback) const;
    RequestId keyspaces(const QString &org, const QString &db, const QString &branch, QObject *context,
        Callback<QList<Core::Keyspace>> callback) const;
    RequestId keyspace(const QString &org, const QString &db, const QString &branch, const QString &keyspace,
        QObject *context, Callback<Core::Keyspace> callback) const;
    // The keyspace's VSchema as the API gives it: Vitess' JSON text ({"sharded": …, "tables": {…}}).
    RequestId vschema(const QString &org, const QString &db, const QString &branch, const QString &keyspace,
        QObject *context, Callback<QString> callback) const;
};

} // namespace Api
