#pragma once

#include "schema/schemadiff.h"

#include <QHash>

namespace Schema {

// Finds columns and indexes of one table that look renamed between two versions: a name only on the
// `from` side and a name only on the `to` side with the same definition. These are suggestions; the
// diff applies them only when asked (DiffOptions::detectRenames).
class RenameDetector
{
public:
    // Candidates for `table`, columns first, each with its evidence; `applied` left false.
    static QList<RenameCandidate> candidates(const Table &from, const Table &to);
    // Target name → source name of the candidates of one kind.
    static QHash<QString, QString> targets(const QList<RenameCandidate> &candidates, bool indexes);
};

} // namespace Schema
