#pragma once

#include <QString>
#include <QtGlobal>

#include <array>
#include <cstring>

namespace Schema {

// The words the DDL parsers look for. The lexer classifies every bare word once (a hash of its lower-case
// letters into a table built at compile time), so the parsers compare small integers, not strings.
#define BRANCHDECK_DDL_KEYWORDS(X)                                                                                     \
    X(Action, "action")                                                                                                \
    X(Add, "add")                                                                                                      \
    X(After, "after")                                                                                                  \
    X(Aggregate, "aggregate")                                                                                          \
    X(Algorithm, "algorithm")                                                                                          \
    X(Alter, "alter")                                                                                                  \
    X(Always, "always")                                                                                                \
    X(As, "as")                                                                                                        \
    X(Asc, "asc")                                                                                                      \
    X(AutoIncrement, "auto_increment")                                                                                 \
    X(Before, "before")                                                                                                \
    X(Begin, "begin")                                                                                                  \
    X(Bigint, "bigint")                                                                                                \
    X(Binary, "binary")                                                                                                \
    X(Bit, "bit")                                                                                                      \
    X(Blob, "blob")                                                                                                    \
    X(By, "by")                                                                                                        \
    X(Cascade, "cascade")                                                                                              \
    X(Case, "case")                                                                                                    \
    X(Char, "char")                                                                                                    \
    X(Character, "character")                                                                                          \
    X(Charset, "charset")                                                                                              \
    X(Check, "check")                                                                                                  \
    X(Collate, "collate")                                                                                              \
    X(ColumnFormat, "column_format")                                                                                   \
    X(Comment, "comment")                                                                                              \
    X(Compressed, "compressed")                                                                                        \
    X(Constraint, "constraint")                                                                                        \
    X(Create, "create")                                                                                                \
    X(CurrentUser, "current_user")                                                                                     \
    X(Database, "database")                                                                                            \
    X(Date, "date")                                                                                                    \
    X(Datetime, "datetime")                                                                                            \
    X(Decimal, "decimal")                                                                                              \
    X(Default, "default")                                                                                              \
    X(Definer, "definer")                                                                                              \
    X(Delete, "delete")                                                                                                \
    X(Delimiter, "delimiter")                                                                                          \
    X(Desc, "desc")                                                                                                    \
    X(Directory, "directory")                                                                                          \
    X(Double, "double")                                                                                                \
    X(Drop, "drop")                                                                                                    \
    X(Each, "each")                                                                                                    \
    X(End, "end")                                                                                                      \
    X(Enforced, "enforced")                                                                                            \
    X(Engine, "engine")                                                                                                \
    X(Enum, "enum")                                                                                                    \
    X(Event, "event")                                                                                                  \
    X(Exists, "exists")                                                                                                \
    X(Float, "float")                                                                                                  \
    X(Follows, "follows")                                                                                              \
    X(For, "for")                                                                                                      \
    X(Foreign, "foreign")                                                                                              \
    X(Fulltext, "fulltext")                                                                                            \
    X(Function, "function")                                                                                            \
    X(Generated, "generated")                                                                                          \
    X(If, "if")                                                                                                        \
    X(Ignored, "ignored")                                                                                              \
    X(Index, "index")                                                                                                  \
    X(Insert, "insert")                                                                                                \
    X(Int, "int")                                                                                                      \
    X(Invisible, "invisible")                                                                                          \
    X(Json, "json")                                                                                                    \
    X(Key, "key")                                                                                                      \
    X(KeyBlockSize, "key_block_size")                                                                                  \
    X(Lock, "lock")                                                                                                    \
    X(Longblob, "longblob")                                                                                            \
    X(Longtext, "longtext")                                                                                            \
    X(Loop, "loop")                                                                                                    \
    X(Mediumblob, "mediumblob")                                                                                        \
    X(Mediumint, "mediumint")                                                                                          \
    X(Mediumtext, "mediumtext")                                                                                        \
    X(No, "no")                                                                                                        \
    X(Not, "not")                                                                                                      \
    X(Null, "null")                                                                                                    \
    X(On, "on")                                                                                                        \
    X(Or, "or")                                                                                                        \
    X(Overlaps, "overlaps")                                                                                            \
    X(Package, "package")                                                                                              \
    X(Parser, "parser")                                                                                                \
    X(Partition, "partition")                                                                                          \
    X(Period, "period")                                                                                                \
    X(Persistent, "persistent")                                                                                        \
    X(Precedes, "precedes")                                                                                            \
    X(Primary, "primary")                                                                                              \
    X(Procedure, "procedure")                                                                                          \
    X(References, "references")                                                                                        \
    X(Repeat, "repeat")                                                                                                \
    X(Replace, "replace")                                                                                              \
    X(Restrict, "restrict")                                                                                            \
    X(Row, "row")                                                                                                      \
    X(RowFormat, "row_format")                                                                                         \
    X(Schema, "schema")                                                                                                \
    X(Security, "security")                                                                                            \
    X(Select, "select")                                                                                                \
    X(Sequence, "sequence")                                                                                            \
    X(Set, "set")                                                                                                      \
    X(Signed, "signed")                                                                                                \
    X(Smallint, "smallint")                                                                                            \
    X(Spatial, "spatial")                                                                                              \
    X(Sql, "sql")                                                                                                      \
    X(Srid, "srid")                                                                                                    \
    X(Start, "start")                                                                                                  \
    X(StatsPersistent, "stats_persistent")                                                                             \
    X(Storage, "storage")                                                                                              \
    X(Stored, "stored")                                                                                                \
    X(System, "system")                                                                                                \
    X(SystemTime, "system_time")                                                                                       \
    X(Table, "table")                                                                                                  \
    X(Text, "text")                                                                                                    \
    X(Time, "time")                                                                                                    \
    X(Timestamp, "timestamp")                                                                                          \
    X(Tinyblob, "tinyblob")                                                                                            \
    X(Tinyint, "tinyint")                                                                                              \
    X(Tinytext, "tinytext")                                                                                            \
    X(Trigger, "trigger")                                                                                              \
    X(Unique, "unique")                                                                                                \
    X(Unlock, "unlock")                                                                                                \
    X(Unsigned, "unsigned")                                                                                            \
    X(Update, "update")                                                                                                \
    X(Use, "use")                                                                                                      \
    X(User, "user")                                                                                                    \
    X(Using, "using")                                                                                                  \
    X(Varbinary, "varbinary")                                                                                          \
    X(Varchar, "varchar")                                                                                              \
    X(Versioning, "versioning")                                                                                        \
    X(View, "view")                                                                                                    \
    X(Virtual, "virtual")                                                                                              \
    X(Visible, "visible")                                                                                              \
    X(While, "while")                                                                                                  \
    X(With, "with")                                                                                                    \
    X(Without, "without")                                                                                              \
    X(Year, "year")                                                                                                    \
    X(Zerofill, "zerofill")

static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the keyword tables assume little-endian loads");

enum class Keyword : quint16 {
    None,
#define BRANCHDECK_DDL_KEYWORD_ENUM(id, text) id,
    BRANCHDECK_DDL_KEYWORDS(BRANCHDECK_DDL_KEYWORD_ENUM)
#undef BRANCHDECK_DDL_KEYWORD_ENUM
};

namespace DdlKeywords {

// The keyword a bare word of ASCII word characters is, or None; compared case-insensitively.
// `available` characters can be read from `text` (at least `length`).
inline Keyword lookup(const char16_t *text, qsizetype length, qsizetype available);

// The keyword's text in lower case.
QLatin1StringView text(Keyword keyword);

// The tables behind lookup(), built at compile time in ddlkeyword.cpp. A word is read as four 64-bit
// blocks of four UTF-16 characters, folded to lower case with | 0x20 (which maps '_' to 0x7f and leaves
// digits and '$' alone) and cut at its length; the first block and the length pick the slot.
namespace Data {
constexpr size_t keywordCount = size_t(Keyword::Zerofill) + 1;
constexpr quint32 slotBits = 10;
constexpr qsizetype maxLength = 16;
using Blocks = std::array<quint64, 4>;
extern const std::array<quint16, (1u << slotBits)> slots; // keyword index, 0 for an empty slot
extern const std::array<Blocks, keywordCount> blocks;
extern const std::array<quint8, keywordCount> lengths;
extern const std::array<Blocks, maxLength + 1> tailMasks; // the characters of a word of each length

constexpr quint32 slotOf(quint64 firstBlock, qsizetype length)
{
    return quint32(((firstBlock ^ quint64(length)) * 0x9E3779B97F4A7C15ull) >> (64 - slotBits));
}

Keyword lookupNearEnd(const char16_t *text, qsizetype length);
} // namespace Data

inline Keyword lookup(const char16_t *text, qsizetype length, qsizetype available)
{
    using namespace Data;
    if (length > maxLength)
        return Keyword::None;
    if (available < maxLength)
        return lookupNearEnd(text, length);
    quint64 b[4];
    static_assert(sizeof b == maxLength * sizeof(char16_t));
    std::memcpy(b, text, sizeof b);
    const Blocks &mask = tailMasks[size_t(length)];
    for (int i = 0; i < 4; ++i)
        b[i] = (b[i] | 0x0020002000200020ull) & mask[i];
    for (quint32 i = slotOf(b[0], length);; i = (i + 1) & ((1u << slotBits) - 1)) {
        const quint16 k = slots[i];
        if (k == 0)
            return Keyword::None;
        const Blocks &kb = blocks[k];
        if (lengths[k] == length && kb[0] == b[0] && kb[1] == b[1] && kb[2] == b[2] && kb[3] == b[3])
            return Keyword(k);
    }
}

} // namespace DdlKeywords

} // namespace Schema
