#include "schema/viewparser.h"

#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

Core::Result<void> parseDefiner(DdlCursor &c, View &view)
{
    const qsizetype start = c.index();
    if (c.acceptWord(Keyword::CurrentUser)) {
        if (c.isPunct('('))
            c.skipParenGroup();
    } else {
        QString part;
        if (!c.readIdentifier(part) && !c.readString(part))
            return c.error(u"a definer user"_s);
        if (c.acceptPunct('@') && !c.readIdentifier(part) && !c.readString(part))
            return c.error(u"a definer host"_s);
    }
    view.definer = c.span(start, c.index());
    return {};
}

} // namespace

Core::Result<View> ViewParser::parse(QStringView createStatement)
{
    auto cursor = makeCursor(createStatement.trimmed(), {});
    if (!cursor)
        return cursor.error();
    return parse(cursor.value());
}

Core::Result<View> ViewParser::parse(DdlCursor &c)
{
    View view;
    view.createStatement = c.statementText();
    if (!c.acceptWord(Keyword::Create))
        return c.error(u"CREATE"_s);
    c.acceptWords({ Keyword::Or, Keyword::Replace });
    while (!c.isWord(Keyword::View)) {
        if (c.acceptWord(Keyword::Algorithm) && c.acceptPunct('=')) {
            view.algorithm = c.currentUpper();
            c.advance();
        } else if (c.acceptWord(Keyword::Definer) && c.acceptPunct('=')) {
            if (auto definer = parseDefiner(c, view); !definer)
                return definer.error();
        } else if (c.acceptWords({ Keyword::Sql, Keyword::Security })) {
            view.security = c.currentUpper();
            c.advance();
        } else {
            return c.error(u"ALGORITHM, DEFINER, SQL SECURITY or VIEW"_s);
        }
    }
    c.advance();
    c.acceptWords({ Keyword::If, Keyword::Not, Keyword::Exists });
    if (!c.readIdentifier(view.name))
        return c.error(u"a view name"_s);
    if (c.acceptPunct('.') && !c.readIdentifier(view.name))
        return c.error(u"a view name"_s);
    c.setObjectName(view.name);
    if (c.isPunct('(')) {
        const qsizetype start = c.index();
        if (!c.skipParenGroup())
            return c.error(u"a closing parenthesis"_s);
        view.columnList = c.span(start, c.index());
    }
    if (!c.acceptWord(Keyword::As))
        return c.error(u"AS"_s);
    const qsizetype selectStart = c.index();
    qsizetype selectEnd = selectStart;
    while (!c.atEnd() && !c.isPunct(';')) {
        if (c.isWord(Keyword::With) && (c.isWord(Keyword::Check, 1) || c.isWord(Keyword::Check, 2))) {
            c.advance();
            view.checkOption = c.isWord(Keyword::Check) ? u"CASCADED"_s : c.currentUpper();
            c.setIndex(c.index() + (c.isWord(Keyword::Check) ? 2 : 3));
            break;
        }
        c.advance();
        selectEnd = c.index();
    }
    c.acceptPunct(';');
    if (!c.atEnd())
        return c.error(u"the end of the view"_s);
    if (selectEnd == selectStart)
        return c.error(u"the view's query"_s);
    view.select = c.span(selectStart, selectEnd);
    return view;
}

} // namespace Schema
