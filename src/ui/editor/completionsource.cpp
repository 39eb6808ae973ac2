#include "ui/editor/completionsource.h"

#include "ui/editor/mysqllexer.h"

#include <algorithm>

namespace Ui {

CompletionSource::CompletionSource(QsciLexer *lexer)
    : QsciAbstractAPIs(lexer)
{
    m_builtin = MySqlLexer::keywordList() + MySqlLexer::functionList();
    rebuild();
}

void CompletionSource::setSchemaWords(const QStringList &words)
{
    m_schema = words;
    rebuild();
}

void CompletionSource::rebuild()
{
    m_sorted = m_schema + m_builtin;
    std::stable_sort(m_sorted.begin(), m_sorted.end(),
        [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    // Schema words come first in the input, so a table named like a keyword keeps its own spelling.
    m_sorted.erase(std::unique(m_sorted.begin(), m_sorted.end(),
                       [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) == 0; }),
        m_sorted.end());
}

QStringList CompletionSource::completionsFor(const QString &prefix) const
{
    QStringList out;
    if (prefix.isEmpty())
        return out;
    auto it = std::lower_bound(m_sorted.cbegin(), m_sorted.cend(), prefix,
        [](const QString &word, const QString &p) { return word.compare(p, Qt::CaseInsensitive) < 0; });
    for (; it != m_sorted.cend() && it->startsWith(prefix, Qt::CaseInsensitive); ++it)
        if (it->size() > prefix.size())
            out.append(*it);
    return out;
}

void CompletionSource::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    if (!context.isEmpty())
        list += completionsFor(context.last());
}

QStringList CompletionSource::callTips(const QStringList &, int, QsciScintilla::CallTipsStyle, QList<int> &)
{
    return {};
}

} // namespace Ui
