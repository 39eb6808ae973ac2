#include "schema/tablecomparer.h"

#include "schema/renamedetector.h"
#include "schema/typechange.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

bool isTextual(const QString &type)
{
    for (QLatin1StringView t :
        { "varchar"_L1, "char"_L1, "text"_L1, "enum"_L1, "set"_L1, "tinytext"_L1, "mediumtext"_L1, "longtext"_L1 }) {
        if (type == t)
            return true;
    }
    return false;
}

QString effectiveCharset(const Column &c, const Table &t)
{
    if (!c.charset.isEmpty() || !isTextual(c.type))
        return c.charset;
    return t.option(u"CHARSET");
}

QString effectiveCollation(const Column &c, const Table &t)
{
    if (!c.collation.isEmpty() || !c.charset.isEmpty() || !isTextual(c.type))
        return c.collation;
    return t.option(u"COLLATE");
}

bool generationDiffers(const Column &a, const Column &b)
{
    return a.generatedExpression != b.generatedExpression || a.generatedStored != b.generatedStored;
}

// Positions (in `sequence`) of a longest strictly increasing subsequence.
QSet<qsizetype> longestIncreasing(const QList<qsizetype> &sequence)
{
    QList<qsizetype> tails; // index into sequence of the smallest tail of each length
    QList<qsizetype> previous(sequence.size(), -1);
    for (qsizetype i = 0; i < sequence.size(); ++i) {
        auto it = std::lower_bound(
            tails.begin(), tails.end(), sequence[i], [&sequence](qsizetype t, qsizetype v) { return sequence[t] < v; });
        if (it != tails.begin())
            previous[i] = *(it - 1);
        if (it == tails.end())
            tails.append(i);
        else
            *it = i;
    }
    QSet<qsizetype> out;
    for (qsizetype i = tails.isEmpty() ? -1 : tails.last(); i >= 0; i = previous[i])
        out.insert(i);
    return out;
}

// The server sorts keys by these classes (unique before plain, NOT NULL unique first, primary first,
// whole-column first, fulltext last) and keeps the original order inside a class.
int indexClass(const Index &index, const Table &table)
{
    if (index.kind == IndexKind::Fulltext)
        return 100;
    if (index.kind != IndexKind::Primary && index.kind != IndexKind::Unique)
        return 50;
    bool nullPart = false;
    bool partial = false;
    for (const IndexPart &part : index.parts) {
        const Column *c = table.column(part.column);
        nullPart = nullPart || (c && c->nullable);
        partial = partial || part.prefixLength > 0;
    }
    return (nullPart ? 8 : 0) + (index.kind == IndexKind::Primary ? 0 : 2) + (partial ? 1 : 0);
}

// An index definition without its visibility (MariaDB IGNORED, MySQL INVISIBLE), which ALTER INDEX
// changes in place: dropping and re-adding an otherwise identical index keeps the old visibility.
QString withoutVisibility(QString definition)
{
    for (const QString &suffix :
        { u" NOT IGNORED"_s, u" IGNORED"_s, u" /*!80000 INVISIBLE */"_s, u" INVISIBLE"_s, u" VISIBLE"_s }) {
        if (definition.endsWith(suffix)) {
            definition.chop(suffix.size());
            break;
        }
    }
    return definition;
}

QString visibilityKeyword(const QString &from, const QString &to, bool invisible)
{
    const bool mariadb = from.contains(u"IGNORED"_s) || to.contains(u"IGNORED"_s)
        || !(from.contains(u"INVISIBLE"_s) || to.contains(u"INVISIBLE"_s));
    if (mariadb)
        return invisible ? u"IGNORED"_s : u"NOT IGNORED"_s;
    return invisible ? u"INVISIBLE"_s : u"VISIBLE"_s;
}

QString dropIndexClause(const Index &index)
{
    return index.kind == IndexKind::Primary ? u"DROP PRIMARY KEY"_s : u"DROP INDEX "_s + quoteIdentifier(index.name);
}

template<typename T> qsizetype positionOf(const QList<T> &items, const QString &name)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items[i].name == name)
            return i;
    }
    return -1;
}

} // namespace

TableChanges TableComparer::compare(
    const Table &from, const Table &to, const QSet<QString> &recreateForeignKeys, bool applyRenames)
{
    TableChanges out;
    out.renames = RenameDetector::candidates(from, to);
    out.keepHistory = from.isSystemVersioned() || to.isSystemVersioned();
    TableComparer comparer(from, to, recreateForeignKeys, out);
    if (applyRenames) {
        comparer.m_renamedColumns = RenameDetector::targets(out.renames, false);
        comparer.m_renamedIndexes = RenameDetector::targets(out.renames, true);
    }
    comparer.compareColumns();
    comparer.compareForeignKeys();
    comparer.comparePeriods();
    comparer.compareIndexes();
    comparer.compareChecks();
    comparer.compareOptions();
    comparer.comparePartitioning();
    for (RenameCandidate &c : out.renames)
        c.applied = (c.isIndex ? comparer.m_renamedIndexes : comparer.m_renamedColumns).value(c.to) == c.from;
    out.clauses = comparer.m_dropChecks + comparer.m_dropIndexes + comparer.m_dropPeriods + comparer.m_dropColumns
        + comparer.m_columnClauses + comparer.m_addPeriods + comparer.m_addIndexes + comparer.m_alterIndexes
        + comparer.m_addChecks + comparer.m_options;
    return out;
}

QSet<QString> TableComparer::changedColumns(const Table &from, const Table &to)
{
    QSet<QString> out;
    const QSet<QString> none;
    TableChanges unused;
    const TableComparer comparer(from, to, none, unused);
    for (const Column &b : to.columns) {
        const Column *a = from.column(b.name);
        if (a && (comparer.columnChanged(*a, b) || generationDiffers(*a, b)))
            out.insert(b.name);
    }
    return out;
}

bool TableComparer::columnChanged(const Column &a, const Column &b) const
{
    if (a.definition != b.definition)
        return true;
    // Same text: only an implicit (table default) character set or collation can differ.
    if (!m_tableCharsetChanged || !a.charset.isEmpty() || !isTextual(a.type))
        return false;
    return effectiveCharset(a, m_from) != effectiveCharset(b, m_to)
        || effectiveCollation(a, m_from) != effectiveCollation(b, m_to);
}

void TableComparer::compareColumns()
{
    // Position in `from` of each target column; -1 when new, or when a generated column changes its
    // expression or kind (the server cannot modify that: it is dropped and added again).
    QList<qsizetype> source(m_to.columns.size(), -1);
    QList<bool> kept(m_from.columns.size(), false);
    for (qsizetype i = 0; i < m_to.columns.size(); ++i) {
        const qsizetype at = positionOf(m_from.columns, columnSource(m_to.columns[i].name));
        if (at >= 0 && !generationDiffers(m_from.columns[at], m_to.columns[i])) {
            source[i] = at;
            kept[at] = true;
        }
    }
    for (qsizetype at = 0; at < m_from.columns.size(); ++at) {
        if (kept[at])
            continue;
        const Column &a = m_from.columns[at];
        const bool recreated = m_to.column(a.name) != nullptr;
        m_dropColumns.append(u"DROP COLUMN "_s + quoteIdentifier(a.name));
        if (a.generatedExpression.isEmpty())
            m_out.lossReasons.append(
                u"drops column "_s + quoteIdentifier(a.name) + (recreated ? u" to re-create it"_s : QString()));
    }
    // Columns kept in place: a longest run already in the target's relative order.
    QList<qsizetype> keptOrder;
    QList<qsizetype> keptTargets;
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (source[i] >= 0) {
            keptOrder.append(source[i]);
            keptTargets.append(i);
        }
    }
    QList<bool> stable(m_to.columns.size(), false);
    for (qsizetype k : longestIncreasing(keptOrder))
        stable[keptTargets[k]] = true;

    for (qsizetype i = 0; i < m_to.columns.size(); ++i) {
        const Column &b = m_to.columns[i];
        const bool changed = source[i] >= 0 && columnChanged(m_from.columns[source[i]], b);
        const bool renamed = source[i] >= 0 && m_from.columns[source[i]].name != b.name;
        if (source[i] >= 0 && !changed && stable[i] && !renamed)
            continue;
        const QString position = i == 0 ? u" FIRST"_s : u" AFTER "_s + quoteIdentifier(m_to.columns[i - 1].name);
        const QString head = quoteIdentifier(b.name) + u' ' + b.definition;
        if (source[i] < 0) {
            m_columnClauses.append(u"ADD COLUMN "_s + head + position);
            continue;
        }
        const Column &a = m_from.columns[source[i]];
        if (renamed && !changed && stable[i])
            m_columnClauses.append(u"RENAME COLUMN "_s + quoteIdentifier(a.name) + u" TO "_s + quoteIdentifier(b.name));
        else if (renamed)
            m_columnClauses.append(
                u"CHANGE COLUMN "_s + quoteIdentifier(a.name) + u' ' + head + (stable[i] ? QString() : position));
        else
            m_columnClauses.append(u"MODIFY COLUMN "_s + head + (stable[i] ? QString() : position));
        const QString reason = changed
            ? TypeChange::lossReason(a, effectiveCharset(a, m_from), b, effectiveCharset(b, m_to))
            : QString();
        if (!reason.isEmpty())
            m_out.lossReasons.append(u"column "_s + quoteIdentifier(b.name) + u": "_s + reason);
    }
}

// An index the server may have generated for a foreign key: adding that foreign key again would
// replace it with a new generated one at the end of the list, so it is re-created explicitly first.
bool TableComparer::coversAddedForeignKey(const Index &index) const
{
    if (index.kind != IndexKind::Plain)
        return false;
    QStringList columns;
    for (const IndexPart &part : index.parts) {
        if (part.prefixLength > 0)
            return false;
        columns.append(part.column);
    }
    return m_addedForeignKeyColumns.contains(columns);
}

// An unchanged index that must still be dropped and added: it may be the one the server generated
// for a foreign key being added again, or it is a key WITHOUT OVERLAPS on a period being re-created.
bool TableComparer::mustRecreate(const Index &index) const
{
    if (coversAddedForeignKey(index))
        return true;
    return std::any_of(index.parts.cbegin(), index.parts.cend(),
        [this](const IndexPart &part) { return part.withoutOverlaps && m_changedPeriods.contains(part.column); });
}

// An index's definition as it reads once the applied column renames are done (the server renames the
// columns inside the index with them); the index's own name is left alone.
QString TableComparer::sourceDefinition(const Index &index) const
{
    if (m_renamedColumns.isEmpty())
        return index.definition;
    const qsizetype partsAt = index.definition.indexOf(u'(');
    if (partsAt < 0)
        return index.definition;
    QString parts = index.definition.mid(partsAt);
    for (auto it = m_renamedColumns.cbegin(); it != m_renamedColumns.cend(); ++it)
        parts.replace(quoteIdentifier(it.value()), quoteIdentifier(it.key()));
    return index.definition.left(partsAt) + parts;
}

void TableComparer::compareIndexes()
{
    m_renamedIndexes.removeIf([this](const QHash<QString, QString>::iterator it) {
        const Index *source = m_from.index(it.value());
        return !source || mustRecreate(*source);
    });
    QSet<QString> renamedSources;
    for (const QString &source : std::as_const(m_renamedIndexes))
        renamedSources.insert(source);
    QSet<QString> visibilityOnly;
    for (const Index &a : m_from.indexes) {
        const Index *b = m_to.index(a.name);
        const QString definition = sourceDefinition(a);
        if (b && b->definition != definition && withoutVisibility(b->definition) == withoutVisibility(definition)
            && !mustRecreate(a)) {
            visibilityOnly.insert(a.name);
            m_alterIndexes.append(u"ALTER INDEX "_s + quoteIdentifier(a.name) + u' '
                + visibilityKeyword(definition, b->definition, b->invisible));
        } else if ((!b && !renamedSources.contains(a.name)) || (b && b->definition != definition) || mustRecreate(a)) {
            m_dropIndexes.append(dropIndexClause(a));
        }
    }
    QSet<int> classesWithAdditions;
    QHash<int, qsizetype> lastKept;
    for (const Index &b : m_to.indexes) {
        const QString sourceName = m_renamedIndexes.value(b.name, b.name);
        const Index *a = m_from.index(sourceName);
        const int cls = indexClass(b, m_to);
        const bool isRename = sourceName != b.name;
        bool add = !a || (!isRename && sourceDefinition(*a) != b.definition && !visibilityOnly.contains(b.name))
            || mustRecreate(*a);
        if (!add) {
            const qsizetype position = positionOf(m_from.indexes, sourceName);
            // Kept keys stay ahead of added ones in their class: re-create any the target has later.
            if (classesWithAdditions.contains(cls) || position < lastKept.value(cls, -1)) {
                m_dropIndexes.append(dropIndexClause(*a));
                m_alterIndexes.removeIf([&b](const QString &c) {
                    return c.startsWith(u"ALTER INDEX "_s + quoteIdentifier(b.name) + u' ');
                });
                m_out.rebuiltIndexes.append(b.name);
                m_renamedIndexes.remove(b.name);
                add = true;
            } else {
                lastKept.insert(cls, position);
                if (isRename)
                    m_alterIndexes.append(
                        u"RENAME INDEX "_s + quoteIdentifier(sourceName) + u" TO "_s + quoteIdentifier(b.name));
            }
        }
        if (add) {
            classesWithAdditions.insert(cls);
            m_addIndexes.append(u"ADD "_s + b.definition);
        }
    }
}

void TableComparer::compareChecks()
{
    for (const CheckConstraint &a : m_from.checks) {
        const qsizetype at = positionOf(m_to.checks, a.name);
        if (at < 0 || m_to.checks[at].definition != a.definition)
            m_dropChecks.append(u"DROP CONSTRAINT "_s + quoteIdentifier(a.name));
    }
    bool added = false;
    qsizetype lastKept = -1;
    for (const CheckConstraint &b : m_to.checks) {
        const qsizetype position = positionOf(m_from.checks, b.name);
        bool add = position < 0 || m_from.checks[position].definition != b.definition;
        if (!add && (added || position < lastKept)) { // checks print in creation order
            m_dropChecks.append(u"DROP CONSTRAINT "_s + quoteIdentifier(b.name));
            add = true;
        }
        if (add) {
            added = true;
            m_addChecks.append(u"ADD "_s + b.definition);
        } else {
            lastKept = position;
        }
    }
}

void TableComparer::compareForeignKeys()
{
    auto recreate = [this](const ForeignKey &fk) { return m_recreateForeignKeys.contains(fk.name); };
    for (const ForeignKey &a : m_from.foreignKeys) {
        const qsizetype at = positionOf(m_to.foreignKeys, a.name);
        if (at < 0 || m_to.foreignKeys[at].definition != a.definition || recreate(a))
            m_out.dropForeignKeys.append(u"DROP FOREIGN KEY "_s + quoteIdentifier(a.name));
    }
    for (const ForeignKey &b : m_to.foreignKeys) {
        const qsizetype at = positionOf(m_from.foreignKeys, b.name);
        if (at < 0 || m_from.foreignKeys[at].definition != b.definition || recreate(b)) {
            m_out.addForeignKeys.append(u"ADD "_s + b.definition);
            m_addedForeignKeyColumns.append(b.columns);
        }
    }
}

void TableComparer::comparePeriods()
{
    const auto same = [](const Period &a, const Period *b) {
        return b && a.system == b->system && a.startColumn == b->startColumn && a.endColumn == b->endColumn;
    };
    const auto name = [](const Period &p) { return p.system ? u"SYSTEM_TIME"_s : quoteIdentifier(p.name); };
    for (const Period &a : m_from.periods) {
        if (!same(a, m_to.period(a.name))) {
            m_dropPeriods.append(u"DROP PERIOD FOR "_s + name(a));
            m_changedPeriods.insert(a.name);
        }
    }
    for (const Period &b : m_to.periods) {
        if (!same(b, m_from.period(b.name)))
            m_addPeriods.append(u"ADD PERIOD FOR "_s + name(b) + u" ("_s + quoteIdentifier(b.startColumn) + u", "_s
                + quoteIdentifier(b.endColumn) + u')');
    }
}

QString TableComparer::optionText(const TableOption &option)
{
    if (option.quoted)
        return quoteIdentifier(option.name) + u'=' + option.value;
    if (option.key == u"CHARSET")
        return u"DEFAULT CHARSET="_s + option.value;
    // An engine-defined option keeps its quotes: its name may be anything, even empty (`` ``=1).
    const QString name = option.quoted ? quoteIdentifier(option.name) : option.key;
    if (option.value.isEmpty())
        return name;
    return name + u'=' + option.value;
}

// The clause that takes an option back to its default. Each option has its own: most take DEFAULT,
// but CHECKSUM, DELAY_KEY_WRITE and the string options reject it. Empty when there is none: the
// character set stays whatever the other side says, DATA/INDEX DIRECTORY cannot change after creation.
QString TableComparer::resetText(const TableOption &option)
{
    if (option.quoted)
        return quoteIdentifier(option.name) + u"=DEFAULT"_s;
    static const QHash<QString, QString> resets = { { u"COMMENT"_s, u"COMMENT=''"_s },
        { u"CONNECTION"_s, u"CONNECTION=''"_s }, { u"PASSWORD"_s, u"PASSWORD=''"_s },
        { u"KEY_BLOCK_SIZE"_s, u"KEY_BLOCK_SIZE=0"_s }, { u"MAX_ROWS"_s, u"MAX_ROWS=0"_s },
        { u"MIN_ROWS"_s, u"MIN_ROWS=0"_s }, { u"AVG_ROW_LENGTH"_s, u"AVG_ROW_LENGTH=0"_s },
        { u"CHECKSUM"_s, u"CHECKSUM=0"_s }, { u"TABLE_CHECKSUM"_s, u"CHECKSUM=0"_s },
        { u"DELAY_KEY_WRITE"_s, u"DELAY_KEY_WRITE=0"_s }, { u"INSERT_METHOD"_s, u"INSERT_METHOD=NO"_s },
        { u"UNION"_s, u"UNION=()"_s }, { u"WITH SYSTEM VERSIONING"_s, u"DROP SYSTEM VERSIONING"_s },
        { u"CHARSET"_s, QString() }, { u"COLLATE"_s, QString() }, { u"DATA DIRECTORY"_s, QString() },
        { u"INDEX DIRECTORY"_s, QString() }, { u"ENGINE"_s, QString() } };
    if (const auto it = resets.constFind(option.key); it != resets.cend())
        return it.value();
    return option.key + u"=DEFAULT"_s; // ROW_FORMAT, PACK_KEYS, STATS_*, PAGE_CHECKSUM, TRANSACTIONAL, ...
}

void TableComparer::compareOptions()
{
    const bool charsetChanged
        = m_from.option(u"CHARSET") != m_to.option(u"CHARSET") || m_from.option(u"COLLATE") != m_to.option(u"COLLATE");
    for (const TableOption &b : m_to.options) {
        const bool isCharset = b.key == u"CHARSET" || b.key == u"COLLATE";
        const bool present = std::any_of(
            m_from.options.cbegin(), m_from.options.cend(), [&b](const TableOption &a) { return a.key == b.key; });
        if (isCharset ? charsetChanged : (!present || m_from.option(b.key) != b.value))
            m_options.append(optionText(b));
    }
    for (const TableOption &a : m_from.options) {
        const bool kept = std::any_of(
            m_to.options.cbegin(), m_to.options.cend(), [&a](const TableOption &b) { return a.key == b.key; });
        const QString reset = resetText(a);
        if (!kept && !reset.isEmpty())
            m_options.append(reset);
    }
}

void TableComparer::comparePartitioning()
{
    if (m_from.partitioning == m_to.partitioning)
        return;
    // Old partitioning goes first, because the main ALTER may drop or change the columns it uses.
    m_out.removePartitioning = !m_from.partitioning.isEmpty();
    m_out.partitionBy = m_to.partitioning;
}

} // namespace Schema
