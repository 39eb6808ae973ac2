#pragma once

#include "schema/schemamodel.h"

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
    static TableChanges compare(const Table &from, const Table &to, const QSet<QString> &recreateForeignKeys = {});
    // Columns whose definition (or effective character set) changes; the server refuses such changes
    // on columns a foreign key uses.
    static QSet<QString> changedColumns(const Table &from, const Table &to);

    // Table options as ALTER/CREATE TABLE accepts them, e.g. "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4".
    static QString optionText(const TableOption &option);

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
    void compareOptions();
    void comparePartitioning();
    bool columnChanged(const Column &a, const Column &b) const;
    bool coversAddedForeignKey(const Index &index) const;
    QHash<QString, QString> renamedIndexes() const;

    const Table &m_from;
    const Table &m_to;
    const QSet<QString> &m_recreateForeignKeys;
    TableChanges &m_out;
    bool m_tableCharsetChanged = false;
    QList<QStringList> m_addedForeignKeyColumns;
    // ALTER TABLE clauses by kind, joined in this order (m_alterIndexes: visibility and renames).
    QStringList m_dropChecks, m_dropIndexes, m_dropColumns, m_columnClauses, m_addIndexes, m_alterIndexes, m_addChecks,
        m_options;
};

} // namespace Schema
