#include "schema/ddlkeyword.h"

#include <string_view>

namespace Schema::DdlKeywords {

namespace {

constexpr std::string_view texts[] = { {},
#define BRANCHDECK_DDL_KEYWORD_TEXT(id, text) text,
    BRANCHDECK_DDL_KEYWORDS(BRANCHDECK_DDL_KEYWORD_TEXT)
#undef BRANCHDECK_DDL_KEYWORD_TEXT
};
static_assert(std::size(texts) == Data::keywordCount, "Zerofill must stay the last keyword");

constexpr bool lengthsFit()
{
    for (std::string_view t : texts) {
        if (qsizetype(t.size()) > Data::maxLength)
            return false;
    }
    return true;
}
static_assert(lengthsFit(), "raise maxLength");

constexpr Data::Blocks blocksOf(std::string_view t)
{
    Data::Blocks b {};
    for (size_t i = 0; i < t.size(); ++i)
        b[i / 4] |= quint64(char16_t(t[i] | 0x20)) << (16 * (i % 4));
    return b;
}

constexpr std::array<Data::Blocks, Data::keywordCount> buildBlocks()
{
    std::array<Data::Blocks, Data::keywordCount> out {};
    for (size_t k = 1; k < Data::keywordCount; ++k)
        out[k] = blocksOf(texts[k]);
    return out;
}

constexpr std::array<quint8, Data::keywordCount> buildLengths()
{
    std::array<quint8, Data::keywordCount> out {};
    for (size_t k = 1; k < Data::keywordCount; ++k)
        out[k] = quint8(texts[k].size());
    return out;
}

constexpr std::array<Data::Blocks, Data::maxLength + 1> buildTailMasks()
{
    std::array<Data::Blocks, Data::maxLength + 1> out {};
    for (size_t length = 0; length <= size_t(Data::maxLength); ++length) {
        for (size_t i = 0; i < length; ++i)
            out[length][i / 4] |= quint64(0xffff) << (16 * (i % 4));
    }
    return out;
}

} // namespace

namespace Data {

constexpr std::array<Blocks, keywordCount> blocks = buildBlocks();
constexpr std::array<quint8, keywordCount> lengths = buildLengths();
constexpr std::array<Blocks, maxLength + 1> tailMasks = buildTailMasks();

constexpr std::array<quint16, (1u << slotBits)> buildSlots()
{
    std::array<quint16, (1u << slotBits)> out {};
    for (size_t k = 1; k < keywordCount; ++k) {
        quint32 i = slotOf(blocks[k][0], qsizetype(lengths[k]));
        while (out[i] != 0)
            i = (i + 1) & ((1u << slotBits) - 1);
        out[i] = quint16(k);
    }
    return out;
}

constexpr std::array<quint16, (1u << slotBits)> slots = buildSlots();

// Near the end of the text a word cannot be read in whole blocks: it is copied first.
Keyword lookupNearEnd(const char16_t *text, qsizetype length)
{
    char16_t padded[maxLength] = {};
    std::memcpy(padded, text, size_t(length) * sizeof(char16_t));
    return lookup(padded, length, maxLength);
}

} // namespace Data

QLatin1StringView text(Keyword keyword)
{
    const std::string_view t = texts[size_t(keyword)];
    return QLatin1StringView(t.data(), qsizetype(t.size()));
}

} // namespace Schema::DdlKeywords
