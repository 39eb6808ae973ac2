#pragma once

#include "schema/schemadiff.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace Schema {

// What ALTER TABLE needs to turn one version of a table into another, split so that the schema-wide
// ordering can put foreign key drops first and foreign key additions last.
struct TableChanges
{
    QStringList dropForeignKeys; // "DROP FOREIGN KEY `fk`"
    QStringList clauses; // the main ALTER TABLE clauses, in an order the server accepts
    QStringList addForeignKeys; // "ADD CONSTRAINT `fk` FOREIGN KEY ..."
    bool removePartitioning = false; // before the main ALTER (partition columns may change)
    QString partitionBy; // "PARTITION BY ..." to apply after the main ALTER
    QStringList lossReasons; // why a clause can lose data; empty when none can
    QStringList rebuiltIndexes; // unchanged indexes dropped and added again only for the target's order
    QList<RenameCandidate> renames; // columns and indexes that look renamed (applied when asked)
    // System-versioned on either side: every ALTER runs with system_versioning_alter_history = KEEP,
    // which the server requires to change a versioned table, keeping its history rows.
    bool keepHistory = false;

    bool isEmpty() const
    {
        return dropForeignKeys.isEmpty() && clauses.isEmpty() && addForeignKeys.isEmpty() && !removePartitioning
            && partitionBy.isEmpty();
    }
};

class TableComparer
{
public:
    // `recreateForeignKeys`: unchanged foreign keys that must still be dropped and re-added, because
    // a column they use (here or in the referenced table) changes.
    // `applyRenames`: the rename candidates become RENAME COLUMN / RENAME INDEX instead of drop and add.
    static TableChanges compare(
        const Table &from, const Table &to, const QSet<QString> &recreateForeignKeys = {}, bool applyRenames = false);
    // Columns whose definition (or effective character set) changes; the server refuses such changes
    // on columns a foreign key uses.
    static QSet<QString> changedColumns(const Table &from, const Table &to);

    // Table options as ALTER/CREATE TABLE accepts them, e.g. "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4".
    static QString optionText(const TableOption &option);
    // The clause that resets `option` to its default, or empty when the server has none.
    static QString resetText(const TableOption &option);

private:
    TableComparer(const Table &from, const Table &to, const QSet<QString> &recreateForeignKeys, TableChanges &out)
        : m_from(from)
        , m_to(to)
        , m_recreateForeignKeys(recreateForeignKeys)
        , m_out(out)
        , m_tableCharsetChanged(
              from.option(u"CHARSET") != to.option(u"CHARSET") || from.option(u"COLLATE") != to.option(u"COLLATE"))
    { }

    void compareColumns();
    void compareIndexes();
    void compareChecks();
    void compareForeignKeys();
    void comparePeriods();
    void compareOptions();
    void comparePartitioning();
    bool columnChanged(const Column &a, const Column &b) const;
    bool coversAddedForeignKey(const Index &index) const;
    bool mustRecreate(const Index &index) const;
    QString sourceDefinition(const Index &index) const;
    QString columnSource(const QString &name) const { return m_renamedColumns.value(name, name); }

    const Table &m_from;
    const Table &m_to;
    const QSet<QString> &m_recreateForeignKeys;
    TableChanges &m_out;
    bool m_tableCharsetChanged = false;
    QList<QStringList> m_addedForeignKeyColumns;
    QHash<QString, QString> m_renamedColumns; // applied renames: target name → source name
    QHash<QString, QString> m_renamedIndexes;
    QSet<QString> m_changedPeriods; // dropped or re-created: keys WITHOUT OVERLAPS on them are re-created
    // ALTER TABLE clauses by kind, joined in this order (m_alterIndexes: visibility and renames).
    QStringList m_dropChecks, m_dropIndexes, m_dropPeriods, m_dropColumns, m_columnClauses, m_addPeriods, m_addIndexes,
        m_alterIndexes, m_addChecks, m_options;
};

} // namespace Schema
