#include "schema/programparser.h"

#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

Core::Result<void> skipDefiner(DdlCursor &c)
{
    if (!c.acceptWord(Keyword::Definer))
        return {};
    if (!c.acceptPunct('='))
        return c.error(u"'=' after DEFINER"_s);
    if (c.acceptWord(Keyword::CurrentUser)) {
        if (c.isPunct('('))
            c.skipParenGroup();
        return {};
    }
    QString part;
    if (!c.readIdentifier(part) && !c.readString(part))
        return c.error(u"a definer user"_s);
    if (c.acceptPunct('@') && !c.readIdentifier(part) && !c.readString(part))
        return c.error(u"a definer host"_s);
    return {};
}

// A possibly schema-qualified name: the last part.
bool readName(DdlCursor &c, QString &name)
{
    if (!c.readIdentifier(name))
        return false;
    return !c.acceptPunct('.') || c.readIdentifier(name);
}

// mysqldump wraps triggers as /*!50003 CREATE*/ ...: the statement's first token is inside the comment.
bool startsInVersionComment(const DdlCursor &c)
{
    const QStringView before = c.source().first(c.peek(-c.index()).start).trimmed();
    qsizetype i = before.size();
    while (i > 0 && before[i - 1].isDigit())
        --i;
    return before.first(i).endsWith(u"/*!") || before.first(i).endsWith(u"/*M!");
}

Core::Result<void> parseTrigger(DdlCursor &c, StoredProgram &program)
{
    if (!c.acceptWord(Keyword::Before) && !c.acceptWord(Keyword::After))
        return c.error(u"BEFORE or AFTER"_s);
    program.timing = c.text(c.peek(-1)).toString().toUpper();
    if (!c.acceptWord(Keyword::Insert) && !c.acceptWord(Keyword::Update) && !c.acceptWord(Keyword::Delete))
        return c.error(u"INSERT, UPDATE or DELETE"_s);
    program.event = c.text(c.peek(-1)).toString().toUpper();
    if (!c.acceptWord(Keyword::On))
        return c.error(u"ON"_s);
    if (!readName(c, program.table))
        return c.error(u"the trigger's table"_s);
    return {};
}

} // namespace

Core::Result<StoredProgram> ProgramParser::parse(QStringView createStatement)
{
    auto cursor = makeCursor(createStatement.trimmed(), {});
    if (!cursor)
        return cursor.error();
    return parse(cursor.value());
}

Core::Result<StoredProgram> ProgramParser::parse(DdlCursor &c)
{
    StoredProgram program;
    program.createStatement = c.statementText();
    if (program.createStatement.contains(u"/*") || startsInVersionComment(c))
        program.createStatement = withoutVersionComments(program.createStatement);
    if (!c.acceptWord(Keyword::Create))
        return c.error(u"CREATE"_s);
    c.acceptWords({ Keyword::Or, Keyword::Replace });
    if (auto definer = skipDefiner(c); !definer)
        return definer.error();
    c.acceptWord(Keyword::Aggregate);
    switch (c.peek().keyword) {
    case Keyword::Procedure:
        program.kind = StoredProgram::Kind::Procedure;
        break;
    case Keyword::Function:
        program.kind = StoredProgram::Kind::Function;
        break;
    case Keyword::Trigger:
        program.kind = StoredProgram::Kind::Trigger;
        break;
    case Keyword::Event:
        program.kind = StoredProgram::Kind::Event;
        break;
    default:
        return c.error(u"PROCEDURE, FUNCTION, TRIGGER or EVENT"_s);
    }
    c.advance();
    c.acceptWords({ Keyword::If, Keyword::Not, Keyword::Exists });
    if (!readName(c, program.name))
        return c.error(u"a name"_s);
    c.setObjectName(program.name);
    if (program.kind == StoredProgram::Kind::Trigger) {
        if (auto trigger = parseTrigger(c, program); !trigger)
            return trigger.error();
    }
    return program;
}

// Markers are taken off where they open (/*!50003 ) and where they close (*/); a statement that starts
// inside a version comment (its first token is the comment's first word) has a closing marker with no
// opening one in its text. Quotes and ordinary comments are copied as they are.
QString ProgramParser::withoutVersionComments(QStringView text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'\'' || c == u'"' || c == u'`') {
            qsizetype j = i + 1;
            while (j < n && text[j] != c)
                j += (text[j] == u'\\' && c != u'`') ? 2 : 1;
            out += text.sliced(i, qMin(j + 1, n) - i);
            i = j;
        } else if (c == u'/' && i + 1 < n && text[i + 1] == u'*') {
            const bool version
                = i + 2 < n && (text[i + 2] == u'!' || (text[i + 2] == u'M' && i + 3 < n && text[i + 3] == u'!'));
            if (!version) {
                const qsizetype close = text.indexOf(u"*/", i + 2);
                const qsizetype end = close < 0 ? n : close + 2;
                out += text.sliced(i, end - i);
                i = end - 1;
                continue;
            }
            i += text[i + 2] == u'M' ? 3 : 2;
            while (i + 1 < n && text[i + 1].isDigit())
                ++i;
            if (i + 1 < n && text[i + 1] == u' ')
                ++i;
        } else if (c == u'*' && i + 1 < n && text[i + 1] == u'/') {
            ++i;
        } else {
            out += c;
        }
    }
    return out.trimmed();
}

} // namespace Schema
