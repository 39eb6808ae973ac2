#pragma once

#include "schema/schemadiff.h"

#include <QHash>
#include <QSet>

namespace Schema {

struct TableChanges;

// Assembles the phases of the schema-wide statement list (see SchemaDiff's comment) and groups the
// statements per object.
class DiffBuilder
{
public:
    DiffBuilder(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options);

    SchemaDiffResult build();

private:
    const Table *fromTable(const QString &name) const { return m_fromTables.value(name); }
    const Table *toTable(const QString &name) const { return m_toTables.value(name); }
    const View *fromView(const QString &name) const { return m_fromViews.value(name); }
    const View *toView(const QString &name) const { return m_toViews.value(name); }

    qsizetype objectIndex(const DiffStatement &statement);
    std::pair<QString, QString> definitions(ObjectType type, const QString &name) const;
    void dropViews();
    void alterTables();
    void alterTable(const Table &b, const TableChanges &changes);
    void createTables();
    void dropTables();
    void breakReferencesTo(const Table &t, const QList<const Table *> &tables, const QList<bool> &done);
    void createViews();

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    const DiffOptions m_options;
    SchemaDiffResult m_result;
    QHash<QString, const Table *> m_fromTables, m_toTables;
    QHash<QString, const View *> m_fromViews, m_toViews;
    QHash<QString, qsizetype> m_objectIndex;
    QList<DiffStatement> m_dropPrograms, m_dropViews, m_dropForeignKeys, m_alters, m_creates, m_drops, m_addForeignKeys,
        m_routines, m_views, m_triggers;
};

} // namespace Schema
