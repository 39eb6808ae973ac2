#include "schema/renamedetector.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

qsizetype columnPosition(const Table &t, const QString &name)
{
    for (qsizetype i = 0; i < t.columns.size(); ++i) {
        if (t.columns[i].name == name)
            return i;
    }
    return -1;
}

// An index definition without its name; columns in `renamed` (old → new) under their new names.
QString definitionWithoutName(const Index &index, const QHash<QString, QString> &renamed = {})
{
    QString text = index.definition;
    const QString quoted = quoteIdentifier(index.name);
    if (index.kind != IndexKind::Primary) {
        const qsizetype at = text.indexOf(quoted);
        if (at >= 0)
            text.remove(at, quoted.size());
    }
    for (auto it = renamed.cbegin(); it != renamed.cend(); ++it)
        text.replace(quoteIdentifier(it.key()), quoteIdentifier(it.value()));
    return text;
}

void addColumnCandidates(const Table &from, const Table &to, QList<RenameCandidate> &out)
{
    QList<bool> taken(to.columns.size(), false);
    for (qsizetype i = 0; i < from.columns.size(); ++i) {
        const Column &a = from.columns[i];
        if (to.column(a.name))
            continue;
        qsizetype best = -1;
        for (qsizetype j = 0; j < to.columns.size(); ++j) {
            const Column &b = to.columns[j];
            if (taken[j] || from.column(b.name) || b.definition != a.definition)
                continue;
            if (best < 0 || std::abs(j - i) < std::abs(best - i))
                best = j;
        }
        if (best < 0)
            continue;
        taken[best] = true;
        const Column &b = to.columns[best];
        RenameCandidate c { from.name, false, a.name, b.name, {}, false };
        c.evidence.append(u"same definition: "_s + a.definition);
        c.evidence.append(
            best == i ? u"same position (%1)"_s.arg(i + 1) : u"position %1 → %2"_s.arg(i + 1).arg(best + 1));
        const qsizetype before = i > 0 ? columnPosition(to, from.columns[i - 1].name) : -1;
        if (i > 0 && before >= 0 && before + 1 == best)
            c.evidence.append(u"still after "_s + quoteIdentifier(from.columns[i - 1].name));
        out.append(c);
    }
}

void addIndexCandidates(const Table &from, const Table &to, QList<RenameCandidate> &out)
{
    QHash<QString, QString> renamedColumns; // old → new
    for (const RenameCandidate &c : std::as_const(out))
        renamedColumns.insert(c.from, c.to);
    QList<bool> taken(to.indexes.size(), false);
    for (const Index &a : from.indexes) {
        if (a.kind == IndexKind::Primary || to.index(a.name))
            continue;
        const QString shape = definitionWithoutName(a, renamedColumns);
        for (qsizetype j = 0; j < to.indexes.size(); ++j) {
            const Index &b = to.indexes[j];
            if (taken[j] || from.index(b.name) || b.kind != a.kind || definitionWithoutName(b) != shape)
                continue;
            taken[j] = true;
            out.append({ from.name, true, a.name, b.name,
                { u"same definition apart from the name: "_s + shape.simplified() }, false });
            break;
        }
    }
}

} // namespace

QList<RenameCandidate> RenameDetector::candidates(const Table &from, const Table &to)
{
    QList<RenameCandidate> out;
    addColumnCandidates(from, to, out);
    addIndexCandidates(from, to, out);
    return out;
}

QHash<QString, QString> RenameDetector::targets(const QList<RenameCandidate> &candidates, bool indexes)
{
    QHash<QString, QString> out;
    for (const RenameCandidate &c : candidates) {
        if (c.isIndex == indexes)
            out.insert(c.to, c.from);
    }
    return out;
}

} // namespace Schema
