#pragma once

#include <QDateTime>
#include <QString>

namespace Local {

// Names and identifiers of the sandbox.
//
// Mapping (documented in README "Local sandbox"): organization `local`; database D, branch B live in the
// MySQL schema `D__B` (both names follow PlanetScale's rule: lowercase letters, digits and dashes, starting
// with a letter or digit — so the double underscore cannot occur inside a name and the mapping is
// one-to-one). The sandbox's own metadata lives in the schema `branchdeck_sandbox`. Tables whose names
// start with `_bd_` are the deploy machinery's shadow and archive tables; they are hidden from schema,
// diff and branch copies.
namespace Naming {

inline constexpr int maxNameLength = 30; // two names plus "__" stay within MySQL's 64-character limit

bool isValidName(const QString &name);
QString branchSchema(const QString &database, const QString &branch);
QString metaSchema();
// The server's one copier: the deploy worker that holds this GET_LOCK runs every deployment and backup.
QString copierLock();
// Held by a worker that asks for the copier (DeployQueue::claimCopier): an idle holder hands it over.
QString copierClaimLock();
bool isInternalTable(const QString &table);

// A random identifier of lowercase letters and digits (public ids, MySQL user names, token ids).
QString randomId(int length = 12);
// A random secret (URL-safe base64 without padding).
QString randomSecret(int bytes = 30);

// The API's timestamp form, e.g. 2026-11-21T14:55:00.123Z; a null input stays null (JSON null).
QString isoTimestamp(const QString &sqlDateTime);
QString isoTimestamp(const QDateTime &dateTime);
// A UTC timestamp for SQL: '2026-11-21 14:55:00.123'.
QString sqlTimestamp(const QDateTime &dateTime);

} // namespace Naming
} // namespace Local
