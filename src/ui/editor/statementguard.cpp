#include "ui/editor/statementguard.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

// Upper-cased words outside strings, comments and quoted identifiers; `/*! … */` executable comments
// count as code, because the server runs them.
QStringList words(QStringView s)
{
    QStringList out;
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c == u'\'' || c == u'"' || c == u'`') {
            ++i;
            while (i < n && s[i] != c) {
                if (s[i] == u'\\' && c != u'`')
                    ++i;
                ++i;
            }
            ++i;
        } else if (c == u'#' || (c == u'-' && i + 1 < n && s[i + 1] == u'-')) {
            while (i < n && s[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
            if (i + 2 < n && s[i + 2] == u'!') {
                i += 3; // executable comment: read its content as code
                while (i < n && s[i].isDigit())
                    ++i;
                continue;
            }
            const qsizetype end = s.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c.isLetter() || c == u'_') {
            const qsizetype start = i;
            while (i < n && (s[i].isLetterOrNumber() || s[i] == u'_' || s[i] == u'$'))
                ++i;
            out.append(s.mid(start, i - start).toString().toUpper());
        } else {
            ++i;
        }
    }
    return out;
}

} // namespace

QString StatementGuard::destructiveReason(QStringView statement)
{
    const QStringList w = words(statement);
    if (w.isEmpty())
        return {};
    // WITH … DELETE/UPDATE: look at the first data-changing keyword.
    qsizetype first = 0;
    if (w.first() == u"WITH"_s) {
        while (first < w.size() && w[first] != u"DELETE"_s && w[first] != u"UPDATE"_s)
            ++first;
        if (first == w.size())
            return {};
    }
    const QString &verb = w[first];
    if (verb == u"DROP"_s)
        return u"DROP"_s;
    if (verb == u"TRUNCATE"_s)
        return u"TRUNCATE"_s;
    if ((verb == u"DELETE"_s || verb == u"UPDATE"_s) && !w.contains(u"WHERE"_s))
        return verb + u" without WHERE"_s;
    return {};
}

} // namespace Ui
