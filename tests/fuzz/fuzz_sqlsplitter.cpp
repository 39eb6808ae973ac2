// Core::SqlSplitter on arbitrary text: it terminates; statements lie within the text, in increasing order,
// without overlap; each statement's text is exactly its slice; statementAt() stays in range.

#include "core/sqlsplitter.h"
#include "fuzzcheck.h"

#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<Core::SqlStatement> statements = Core::SqlSplitter::split(sql);
    qsizetype previousEnd = 0;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const Core::SqlStatement &s = statements.at(i);
        FUZZ_CHECK(s.begin >= 0 && s.begin <= s.end && s.end <= sql.size(), "statement %lld: [%lld, %lld) of %lld",
            static_cast<long long>(i), static_cast<long long>(s.begin), static_cast<long long>(s.end),
            static_cast<long long>(sql.size()));
        FUZZ_CHECK(s.begin >= previousEnd, "statement %lld begins at %lld before the previous end %lld",
            static_cast<long long>(i), static_cast<long long>(s.begin), static_cast<long long>(previousEnd));
        FUZZ_CHECK(s.end > s.begin, "statement %lld is empty", static_cast<long long>(i));
        FUZZ_CHECK(s.text == QStringView(sql).mid(s.begin, s.end - s.begin), "statement %lld's text is not its slice",
            static_cast<long long>(i));
        FUZZ_CHECK(!s.delimiter.isEmpty(), "statement %lld has no delimiter", static_cast<long long>(i));
        previousEnd = s.end;
        Core::SqlSplitter::startsWithKeyword(s.text, u"SELECT");
    }
    for (const qsizetype position : { qsizetype(0), sql.size() / 2, sql.size() }) {
        const qsizetype at = Core::SqlSplitter::statementAt(statements, position);
        FUZZ_CHECK(at >= -1 && at < statements.size(), "statementAt(%lld) = %lld of %lld",
            static_cast<long long>(position), static_cast<long long>(at), static_cast<long long>(statements.size()));
    }
    // Splitting the same text again gives the same statements (no hidden state).
    FUZZ_CHECK(Core::SqlSplitter::split(sql) == statements, "a second split differs");
    return 0;
}
