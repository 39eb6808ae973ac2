#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

namespace Core {

enum class StatementKind : quint8 {
    Empty, // nothing but whitespace and comments
    Read, // SELECT, TABLE, VALUES, SHOW, DESCRIBE, EXPLAIN, HELP
    Write, // INSERT, REPLACE, UPDATE, DELETE, LOAD DATA
    Ddl, // CREATE/ALTER/DROP/RENAME of schema objects, TRUNCATE
    Transaction, // BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, XA, LOCK/UNLOCK TABLES, SET TRANSACTION
    Session, // USE, SET (session scope), PREPARE, DEALLOCATE
    Administration, // accounts, privileges, SET GLOBAL, FLUSH, KILL, table maintenance, replication
    Other, // CALL, DO, EXECUTE, compound statements, anything unknown
};

// What makes a statement destroy data; the production guard asks before these run.
enum class DestructiveReason : quint8 {
    None,
    Drop, // DROP TABLE / DATABASE / VIEW / … (not DROP TEMPORARY TABLE)
    Truncate, // TRUNCATE TABLE, ALTER TABLE … TRUNCATE PARTITION
    DeleteWithoutWhere,
    UpdateWithoutWhere,
    ReplaceTable, // CREATE OR REPLACE TABLE: the existing table and its rows are gone
    DropColumn, // ALTER TABLE … DROP [COLUMN]
    DropPartition, // ALTER TABLE … DROP PARTITION
};

// The facts about one statement that the guards, the DDL-refusal flow, schema refresh and the history
// need. Decided on the code tokens only: comments, strings and quoted identifiers never count, while the
// content of executable comments (/*! … */) does, because the server runs it.
struct StatementClass
{
    StatementKind kind = StatementKind::Empty;
    QString verb; // the leading keywords, upper case: "SELECT", "CREATE TABLE", "DROP DATABASE", "START TRANSACTION"
    DestructiveReason destructive = DestructiveReason::None;
    bool temporary = false; // CREATE/DROP TEMPORARY TABLE: lives and dies with the session

    bool isDestructive() const { return destructive != DestructiveReason::None; }
    // Changes the schema other sessions see (so completions and schema views go stale).
    bool changesSchema() const { return kind == StatementKind::Ddl && !temporary; }
    // A short reason for a confirmation ("DROP TABLE", "DELETE without WHERE", …); empty when harmless.
    QString destructiveText() const;
    bool operator==(const StatementClass &other) const = default;
};

// The project's one SQL classifier, built on SqlLexer's tokens (the splitter's lexer).
class SqlClassifier
{
public:
    static StatementClass classify(QStringView statement);
    // "Read", "Write", "Schema", … for display.
    static QString kindName(StatementKind kind);
};

} // namespace Core

Q_DECLARE_METATYPE(Core::StatementClass)
