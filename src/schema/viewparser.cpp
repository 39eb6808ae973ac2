#include "schema/viewparser.h"

#include "schema/ddlcursor.h"

using namespace Qt::StringLiterals;

namespace Schema {

namespace {

Core::Result<void> parseDefiner(DdlCursor &c, View &view)
{
    const qsizetype start = c.index();
    if (c.acceptWord("current_user"_L1)) {
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
    const QStringView text = createStatement.trimmed();
    auto cursor = makeCursor(text, {});
    if (!cursor)
        return cursor.error();
    return parse(text, cursor.value());
}

Core::Result<View> ViewParser::parse(QStringView text, DdlCursor &c)
{
    View view;
    view.createStatement = text.trimmed().toString();
    if (view.createStatement.endsWith(u';'))
        view.createStatement.chop(1);
    if (!c.acceptWord("create"_L1))
        return c.error(u"CREATE"_s);
    c.acceptWords({ "or"_L1, "replace"_L1 });
    while (!c.isWord("view"_L1)) {
        if (c.acceptWord("algorithm"_L1) && c.acceptPunct('=')) {
            view.algorithm = c.currentUpper();
            c.advance();
        } else if (c.acceptWord("definer"_L1) && c.acceptPunct('=')) {
            if (auto definer = parseDefiner(c, view); !definer)
                return definer.error();
        } else if (c.acceptWords({ "sql"_L1, "security"_L1 })) {
            view.security = c.currentUpper();
            c.advance();
        } else {
            return c.error(u"ALGORITHM, DEFINER, SQL SECURITY or VIEW"_s);
        }
    }
    c.advance();
    c.acceptWords({ "if"_L1, "not"_L1, "exists"_L1 });
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
    if (!c.acceptWord("as"_L1))
        return c.error(u"AS"_s);
    const qsizetype selectStart = c.index();
    qsizetype selectEnd = selectStart;
    while (!c.atEnd() && !c.isPunct(';')) {
        if (c.isWord("with"_L1) && (c.isWord("check"_L1, 1) || c.isWord("check"_L1, 2))) {
            c.advance();
            view.checkOption = c.isWord("check"_L1) ? u"CASCADED"_s : c.currentUpper();
            c.setIndex(c.index() + (c.isWord("check"_L1) ? 2 : 3));
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
