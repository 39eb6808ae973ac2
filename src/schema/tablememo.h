#pragma once

#include "schema/schemamodel.h"

#include <QHash>
#include <QStringView>

namespace Schema {

// Tables already parsed, by their exact CREATE TABLE text. The two sides of a diff (a branch and its
// parent, a schema and the one it is deployed over) print most tables identically, and the parser is a
// function of the statement's text alone, so the second side takes those tables from the first instead of
// parsing them again; the copy shares the first one's lists and strings.
class TableMemo
{
public:
    const Table *find(QStringView createStatement) const;
    // A remembered table whose text is the statement starting at `pos` (blanks before it, then the text,
    // then blanks and ';' or the end of the script): that statement needs no lexing. `next` is then where
    // the following statement starts.
    const Table *findAt(QStringView script, qsizetype pos, qsizetype *next) const;
    void remember(const Table &table);
    qsizetype size() const { return m_tables.size(); }
    qsizetype reused() const { return m_reused; }
    void countReuse() { ++m_reused; }

private:
    // The key views the stored table's own createStatement, which the value keeps alive (a QString's
    // characters do not move when the node holding it does).
    QHash<QStringView, Table> m_tables;
    // The first characters of each text (CREATE TABLE and the name) → the text, the key of m_tables.
    QMultiHash<QStringView, QStringView> m_heads;
    qsizetype m_reused = 0;
};

} // namespace Schema
