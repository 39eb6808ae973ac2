#include "core/sqlclassifier.h"

#include "core/sqllexer.h"

#include <QList>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace Core {

namespace {

// A code token as the rules read it: words upper-cased, punctuation as its character, nesting depth.
struct Code
{
    SqlTokenKind kind;
    QString word; // upper case, for Word and Variable tokens
    QChar punct; // for Punctuation tokens only
    int depth = 0; // open parentheses before the token
};

QList<Code> codeTokens(QStringView statement)
{
    QList<Code> out;
    SqlLexer lexer(statement, QString()); // a single statement: no delimiter to look for
    int depth = 0;
    while (!lexer.atEnd()) {
        const SqlToken token = lexer.next();
        if (!token.isCode())
            continue;
        Code code { token.kind, {}, {}, depth };
        if (token.kind == SqlTokenKind::Word || token.kind == SqlTokenKind::Variable)
            code.word = lexer.text(token).toString().toUpper();
        if (token.kind == SqlTokenKind::Punctuation) {
            code.punct = statement[token.begin];
            if (code.punct == u'(')
                ++depth;
            else if (code.punct == u')') {
                depth = qMax(0, depth - 1);
                code.depth = depth;
            }
        }
        out.append(std::move(code));
    }
    return out;
}

bool oneOf(const QString &word, std::initializer_list<QStringView> words)
{
    return !word.isEmpty() && std::find(words.begin(), words.end(), word) != words.end();
}

// The rules walk the code tokens of one statement from a position.
class Rules
{
public:
    explicit Rules(QList<Code> code)
        : m_code(std::move(code))
    { }

    StatementClass classify(qsizetype i) const;

private:
    QString word(qsizetype i) const { return i >= 0 && i < m_code.size() ? m_code[i].word : QString(); }
    bool isPunct(qsizetype i, QChar c) const { return i >= 0 && i < m_code.size() && m_code[i].punct == c; }
    // The first word at the depth of i, from i on, that is one of the given words; -1 when none.
    qsizetype findAtDepth(qsizetype i, std::initializer_list<QStringView> words) const;
    qsizetype skipOptionValue(qsizetype i) const;
    qsizetype skipObjectModifiers(qsizetype i, bool *orReplace, bool *temporary) const;
    qsizetype skipFormat(qsizetype i) const;

    StatementClass explained(qsizetype i, const QString &verb) const;
    StatementClass dataChange(qsizetype i) const;
    StatementClass create(qsizetype i) const;
    StatementClass alter(qsizetype i) const;
    StatementClass drop(qsizetype i) const;
    StatementClass set(qsizetype i) const;
    StatementClass leadingKeyword(qsizetype i) const;
    DestructiveReason alterTableReason(qsizetype i) const;

    QList<Code> m_code;
};

StatementClass make(StatementKind kind, const QString &verb, DestructiveReason reason = DestructiveReason::None)
{
    StatementClass c;
    c.kind = kind;
    c.verb = verb;
    c.destructive = reason;
    return c;
}

qsizetype Rules::findAtDepth(qsizetype i, std::initializer_list<QStringView> words) const
{
    if (i < 0 || i >= m_code.size())
        return -1;
    const int depth = m_code[i].depth;
    for (qsizetype k = i; k < m_code.size(); ++k) {
        if (m_code[k].depth == depth && oneOf(m_code[k].word, words))
            return k;
    }
    return -1;
}

// i is just past "=": skips the value (a word, string or quoted name), a host part and "()".
qsizetype Rules::skipOptionValue(qsizetype i) const
{
    ++i;
    while (i < m_code.size()
        && (m_code[i].kind == SqlTokenKind::Variable || isPunct(i, u'(') || isPunct(i, u')') || isPunct(i, u'@')))
        ++i;
    return i;
}

// CREATE/ALTER/DROP [OR REPLACE] [TEMPORARY] [DEFINER = …] [ALGORITHM = …] [SQL SECURITY …] [ONLINE] … <object>
qsizetype Rules::skipObjectModifiers(qsizetype i, bool *orReplace, bool *temporary) const
{
    while (i < m_code.size()) {
        const QString &w = m_code[i].word;
        if (w == u"OR"_s && word(i + 1) == u"REPLACE"_s) {
            *orReplace = true;
            i += 2;
        } else if (w == u"TEMPORARY"_s) {
            *temporary = true;
            ++i;
        } else if (oneOf(w, { u"DEFINER", u"ALGORITHM" }) && isPunct(i + 1, u'=')) {
            i = skipOptionValue(i + 2);
        } else if (w == u"SQL"_s && word(i + 1) == u"SECURITY"_s) {
            i += 3;
        } else if (oneOf(w, { u"ONLINE", u"OFFLINE", u"IGNORE", u"UNIQUE", u"FULLTEXT", u"AGGREGATE", u"UNDO" })) {
            ++i;
        } else if (w == u"SPATIAL"_s && word(i + 1) == u"INDEX"_s) {
            ++i;
        } else {
            break;
        }
    }
    return i;
}

// EXPLAIN FORMAT = JSON …, ANALYZE FORMAT = JSON …
qsizetype Rules::skipFormat(qsizetype i) const
{
    if (word(i) == u"FORMAT"_s && isPunct(i + 1, u'='))
        return i + 3;
    return i;
}

StatementClass Rules::classify(qsizetype i) const
{
    while (isPunct(i, u'('))
        ++i;
    if (i >= m_code.size())
        return m_code.isEmpty() ? StatementClass() : make(StatementKind::Other, QString());
    const QString &w = m_code[i].word;
    if (oneOf(w, { u"SELECT", u"TABLE", u"VALUES", u"SHOW", u"HELP", u"HANDLER" }))
        return make(StatementKind::Read, w);
    if (oneOf(w, { u"EXPLAIN", u"DESCRIBE", u"DESC", u"ANALYZE", u"VEXPLAIN" }))
        return explained(i, w);
    if (w == u"WITH"_s) {
        const qsizetype verb
            = findAtDepth(i, { u"SELECT", u"DELETE", u"UPDATE", u"INSERT", u"REPLACE", u"TABLE", u"VALUES" });
        return verb < 0 ? make(StatementKind::Other, w) : classify(verb);
    }
    if (oneOf(w, { u"INSERT", u"REPLACE", u"UPDATE", u"DELETE", u"LOAD" }))
        return dataChange(i);
    if (w == u"CREATE"_s)
        return create(i);
    if (w == u"ALTER"_s)
        return alter(i);
    if (w == u"DROP"_s)
        return drop(i);
    if (w == u"SET"_s)
        return set(i);
    return leadingKeyword(i);
}

// EXPLAIN and DESCRIBE only plan a statement, except EXPLAIN ANALYZE (MySQL), MariaDB's ANALYZE <statement>
// and Vitess's VEXPLAIN QUERIES/ALL, which run it: those are what they run.
StatementClass Rules::explained(qsizetype i, const QString &verb) const
{
    qsizetype inner = -1;
    QString prefix = verb;
    if (verb == u"ANALYZE"_s) {
        if (oneOf(word(i + 1), { u"TABLE", u"TABLES", u"NO_WRITE_TO_BINLOG", u"LOCAL" }))
            return make(StatementKind::Administration, u"ANALYZE TABLE"_s);
        inner = skipFormat(i + 1);
    } else if (verb == u"VEXPLAIN"_s) {
        if (word(i + 1) == u"PLAN"_s)
            return make(StatementKind::Read, verb);
        qsizetype k = i + 1;
        if (oneOf(word(k), { u"ALL", u"QUERIES", u"TRACE", u"KEYS" }))
            ++k;
        inner = skipFormat(k);
    } else if (word(skipFormat(i + 1)) == u"ANALYZE"_s) {
        inner = skipFormat(skipFormat(i + 1) + 1);
        prefix = verb + u" ANALYZE"_s;
    }
    if (inner < 0 || inner >= m_code.size())
        return make(StatementKind::Read, verb);
    StatementClass run = classify(inner);
    run.verb = prefix + u' ' + run.verb;
    return run;
}

StatementClass Rules::dataChange(qsizetype i) const
{
    const QString &w = m_code[i].word;
    if (w == u"LOAD"_s) {
        if (oneOf(word(i + 1), { u"INDEX" }))
            return make(StatementKind::Administration, u"LOAD INDEX"_s);
        return make(StatementKind::Write, u"LOAD "_s + word(i + 1));
    }
    DestructiveReason reason = DestructiveReason::None;
    if ((w == u"DELETE"_s || w == u"UPDATE"_s) && findAtDepth(i, { u"WHERE" }) < 0)
        reason = w == u"DELETE"_s ? DestructiveReason::DeleteWithoutWhere : DestructiveReason::UpdateWithoutWhere;
    return make(StatementKind::Write, w, reason);
}

StatementClass Rules::create(qsizetype i) const
{
    bool orReplace = false;
    bool temporary = false;
    const qsizetype objectAt = skipObjectModifiers(i + 1, &orReplace, &temporary);
    const QString object = word(objectAt);
    StatementClass c = make(StatementKind::Ddl, QString(u"CREATE "_s + object).trimmed());
    c.temporary = temporary;
    if (oneOf(object, { u"USER", u"ROLE", u"RESOURCE" }))
        c.kind = StatementKind::Administration;
    else if (orReplace && object == u"TABLE"_s && !temporary)
        c.destructive = DestructiveReason::ReplaceTable;
    return c;
}

StatementClass Rules::alter(qsizetype i) const
{
    bool orReplace = false;
    bool temporary = false;
    const qsizetype objectAt = skipObjectModifiers(i + 1, &orReplace, &temporary);
    const QString object = word(objectAt);
    StatementClass c = make(StatementKind::Ddl, QString(u"ALTER "_s + object).trimmed());
    if (oneOf(object, { u"USER", u"ROLE", u"INSTANCE", u"RESOURCE" }))
        c.kind = StatementKind::Administration;
    else if (object == u"TABLE"_s)
        c.destructive = alterTableReason(objectAt + 1);
    return c;
}

// Alter specifications that lose rows or columns: DROP [COLUMN] c, DROP PARTITION p, TRUNCATE PARTITION p.
// "ALTER [COLUMN] c DROP DEFAULT" and dropping keys, indexes and constraints lose no data.
DestructiveReason Rules::alterTableReason(qsizetype i) const
{
    if (i >= m_code.size())
        return DestructiveReason::None;
    const int depth = m_code[i].depth;
    for (qsizetype k = i; k < m_code.size(); ++k) {
        if (m_code[k].depth != depth)
            continue;
        const QString &w = m_code[k].word;
        if (w == u"TRUNCATE"_s && word(k + 1) == u"PARTITION"_s)
            return DestructiveReason::Truncate;
        if (w != u"DROP"_s || word(k - 2) == u"ALTER"_s || (word(k - 3) == u"ALTER"_s && word(k - 2) == u"COLUMN"_s))
            continue;
        const QString what = word(k + 1);
        if (what == u"PARTITION"_s)
            return DestructiveReason::DropPartition;
        if (!oneOf(what,
                { u"INDEX", u"KEY", u"PRIMARY", u"FOREIGN", u"CHECK", u"CONSTRAINT", u"SYSTEM", u"PERIOD", u"FULLTEXT",
                    u"SPATIAL", u"UNIQUE", u"DEFAULT" }))
            return DestructiveReason::DropColumn;
    }
    return DestructiveReason::None;
}

StatementClass Rules::drop(qsizetype i) const
{
    bool orReplace = false;
    bool temporary = false;
    const qsizetype objectAt = skipObjectModifiers(i + 1, &orReplace, &temporary);
    const QString object = word(objectAt);
    if (object == u"PREPARE"_s)
        return make(StatementKind::Session, u"DROP PREPARE"_s);
    StatementClass c = make(StatementKind::Ddl, QString(u"DROP "_s + object).trimmed(),
        temporary ? DestructiveReason::None : DestructiveReason::Drop);
    c.temporary = temporary;
    if (oneOf(object, { u"USER", u"ROLE", u"RESOURCE" }))
        c.kind = StatementKind::Administration;
    return c;
}

StatementClass Rules::set(qsizetype i) const
{
    const QString next
        = word(oneOf(word(i + 1), { u"GLOBAL", u"PERSIST", u"PERSIST_ONLY", u"SESSION", u"LOCAL" }) ? i + 2 : i + 1);
    if (next == u"TRANSACTION"_s)
        return make(StatementKind::Transaction, u"SET TRANSACTION"_s);
    if (oneOf(next, { u"PASSWORD", u"DEFAULT" }))
        return make(StatementKind::Administration, u"SET "_s + next);
    if (next == u"STATEMENT"_s) { // MariaDB: SET STATEMENT var = value [, …] FOR <statement>
        const qsizetype forAt = findAtDepth(i, { u"FOR" });
        if (forAt > 0 && forAt + 1 < m_code.size())
            return classify(forAt + 1);
    }
    // SET GLOBAL x = …, SET @@global.x = …, SET PERSIST …: the server's settings, not the session's.
    for (qsizetype k = i + 1; k < m_code.size(); ++k) {
        const Code &c = m_code[k];
        if (c.depth != m_code[i].depth)
            continue;
        const bool scope
            = oneOf(c.word, { u"GLOBAL", u"PERSIST", u"PERSIST_ONLY" }) && (k == i + 1 || isPunct(k - 1, u','));
        if (scope || c.word.startsWith(u"@@GLOBAL."_s) || c.word.startsWith(u"@@PERSIST"_s))
            return make(StatementKind::Administration, u"SET GLOBAL"_s);
    }
    return make(StatementKind::Session, u"SET"_s);
}

StatementClass Rules::leadingKeyword(qsizetype i) const
{
    const QString &w = m_code[i].word;
    const QString next = word(i + 1);
    if (w == u"TRUNCATE"_s)
        return make(StatementKind::Ddl, u"TRUNCATE"_s, DestructiveReason::Truncate);
    if (w == u"RENAME"_s)
        return make(next == u"USER"_s ? StatementKind::Administration : StatementKind::Ddl, u"RENAME "_s + next);
    if (w == u"BEGIN"_s)
        return next == u"NOT"_s ? make(StatementKind::Other, u"BEGIN NOT ATOMIC"_s)
                                : make(StatementKind::Transaction, w);
    if (w == u"START"_s)
        return make(
            next == u"TRANSACTION"_s ? StatementKind::Transaction : StatementKind::Administration, u"START "_s + next);
    if (w == u"LOCK"_s)
        return make(
            next == u"INSTANCE"_s ? StatementKind::Administration : StatementKind::Transaction, u"LOCK "_s + next);
    if (oneOf(w, { u"COMMIT", u"ROLLBACK", u"SAVEPOINT", u"RELEASE", u"XA", u"UNLOCK" }))
        return make(StatementKind::Transaction, w);
    if (oneOf(w, { u"USE", u"PREPARE", u"DEALLOCATE" }))
        return make(StatementKind::Session, w);
    if (oneOf(w,
            { u"GRANT", u"REVOKE", u"FLUSH", u"KILL", u"PURGE", u"RESET", u"CHANGE", u"STOP", u"INSTALL", u"UNINSTALL",
                u"SHUTDOWN", u"RESTART", u"CACHE", u"BINLOG", u"OPTIMIZE", u"REPAIR", u"CHECK", u"CHECKSUM", u"BACKUP",
                u"IMPORT", u"CLONE" }))
        return make(StatementKind::Administration, w);
    return make(StatementKind::Other, w);
}

} // namespace

QString StatementClass::destructiveText() const
{
    switch (destructive) {
    case DestructiveReason::None:
        return {};
    case DestructiveReason::Drop:
        return verb;
    case DestructiveReason::Truncate:
        return verb == u"TRUNCATE"_s ? verb : u"ALTER TABLE … TRUNCATE PARTITION"_s;
    case DestructiveReason::DeleteWithoutWhere:
        return u"DELETE without WHERE"_s;
    case DestructiveReason::UpdateWithoutWhere:
        return u"UPDATE without WHERE"_s;
    case DestructiveReason::ReplaceTable:
        return u"CREATE OR REPLACE TABLE"_s;
    case DestructiveReason::DropColumn:
        return u"ALTER TABLE … DROP COLUMN"_s;
    case DestructiveReason::DropPartition:
        return u"ALTER TABLE … DROP PARTITION"_s;
    }
    return {};
}

StatementClass SqlClassifier::classify(QStringView statement)
{
    return Rules(codeTokens(statement)).classify(0);
}

QString SqlClassifier::kindName(StatementKind kind)
{
    switch (kind) {
    case StatementKind::Empty:
        return u"Empty"_s;
    case StatementKind::Read:
        return u"Read"_s;
    case StatementKind::Write:
        return u"Write"_s;
    case StatementKind::Ddl:
        return u"Schema"_s;
    case StatementKind::Transaction:
        return u"Transaction"_s;
    case StatementKind::Session:
        return u"Session"_s;
    case StatementKind::Administration:
        return u"Admin"_s;
    case StatementKind::Other:
        return u"Other"_s;
    }
    return {};
}

} // namespace Core
