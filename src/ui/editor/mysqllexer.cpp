#include "ui/editor/mysqllexer.h"

#include <QColor>
#include <QFontDatabase>

namespace Ui {

namespace {

// Lower case, space separated, as QScintilla's SQL lexer wants them.
constexpr const char *Keywords
    = "accessible add after against algorithm all alter analyze and any as asc ascii auto_increment before begin "
      "between bigint binary binlog bit blob bool boolean both btree by call cascade cascaded case change char "
      "character charset check checksum collate collation column columns comment commit committed compressed "
      "constraint contains continue convert create cross current current_date current_time current_timestamp "
      "current_user cursor data database databases date datetime day day_hour day_minute day_second dec decimal "
      "declare default definer delayed delete delimiter desc describe deterministic distinct distinctrow div do "
      "double drop dual duplicate dynamic each else elseif enable enclosed end engine engines enum escape escaped "
      "event events every except exchange exists exit explain extended false fetch fields first fixed float flush "
      "for force foreign format from full fulltext function generated geometry global grant grants group handler "
      "having high_priority hour if ignore in index indexes infile inner inout insert int integer intersect "
      "interval into invoker is isolation iterate join json key keys kill language last lateral leading leave left "
      "level like limit linear lines load local localtime localtimestamp lock logs long longblob longtext loop "
      "low_priority master match mediumblob mediumint mediumtext merge minute mod modifies modify month names "
      "national natural no not null numeric offset on only open optimize option optionally or order out outer "
      "outfile over partition partitions password precision prepare primary privileges procedure process "
      "processlist purge quick range read reads real recursive references regexp release rename repair repeat "
      "repeatable replace require restrict return returns revoke right rlike rollback routine row row_format rows "
      "savepoint schema schemas second security select separator serial serializable session set share show "
      "signal smallint spatial specific sql sql_calc_found_rows sql_no_cache sql_small_result sqlexception "
      "sqlstate sqlwarning start starting static status stored straight_join table tables temporary temptable "
      "terminated text then time timestamp tinyblob tinyint tinytext to trailing transaction trigger triggers "
      "true truncate type uncommitted undefined union unique unlock unsigned until update usage use user using "
      "utc_date utc_time utc_timestamp value values varbinary varchar variables varying view virtual warnings "
      "when where while window with without work write xor year year_month zerofill";

constexpr const char *Functions
    = "abs acos adddate addtime aes_decrypt aes_encrypt any_value ascii asin atan atan2 avg benchmark bin bit_and "
      "bit_count bit_length bit_or bit_xor cast ceil ceiling char_length character_length coalesce concat "
      "concat_ws connection_id conv convert_tz cos cot count crc32 cume_dist curdate curtime date_add date_format "
      "date_sub datediff dayname dayofmonth dayofweek dayofyear degrees dense_rank elt exp export_set extract "
      "field find_in_set first_value floor format found_rows from_base64 from_days from_unixtime greatest "
      "group_concat hex ifnull inet_aton inet_ntoa instr is_ipv4 is_ipv6 isnull json_array json_arrayagg "
      "json_contains json_contains_path json_depth json_extract json_insert json_keys json_length json_merge_patch "
      "json_merge_preserve json_object json_objectagg json_overlaps json_pretty json_quote json_remove "
      "json_replace json_search json_set json_table json_type json_unquote json_valid lag last_day last_insert_id "
      "last_value lcase lead least length ln locate log log10 log2 lower lpad ltrim make_set makedate maketime "
      "max md5 microsecond mid min monthname now nth_value ntile nullif oct octet_length ord percent_rank "
      "period_add period_diff pi position pow power quarter quote radians rand rank regexp_instr regexp_like "
      "regexp_replace regexp_substr repeat reverse round row_count row_number rpad rtrim sec_to_time sha1 sha2 "
      "sign sin sleep soundex space sqrt std stddev stddev_pop stddev_samp str_to_date strcmp subdate substr "
      "substring substring_index subtime sum sysdate tan time_format time_to_sec timediff timestampadd "
      "timestampdiff to_base64 to_days to_seconds trim truncate ucase unhex unix_timestamp upper uuid uuid_short "
      "var_pop var_samp variance version week weekday weekofyear yearweek";

QStringList split(const char *words)
{
    return QString::fromLatin1(words).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

MySqlLexer::MySqlLexer(QObject *parent)
    : QsciLexerSQL(parent)
{
    setBackslashEscapes(true);
    setHashComments(true);
    setQuotedIdentifiers(true);
    setFoldComments(true);
    setFoldCompact(false);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setDefaultFont(mono);
    setFont(mono);
    setColor(QColor(0x00, 0x55, 0xaa), Keyword);
    setColor(QColor(0x80, 0x30, 0x90), KeywordSet5);
    setColor(QColor(0x6a, 0x73, 0x7d), Comment);
    setColor(QColor(0x6a, 0x73, 0x7d), CommentLine);
    setColor(QColor(0x6a, 0x73, 0x7d), CommentLineHash);
    setColor(QColor(0x0a, 0x7a, 0x3a), SingleQuotedString);
    setColor(QColor(0x0a, 0x7a, 0x3a), DoubleQuotedString);
    setColor(QColor(0xa0, 0x50, 0x00), Number);
    setColor(QColor(0x8a, 0x4b, 0x08), QuotedIdentifier);
}

const char *MySqlLexer::keywords(int set) const
{
    switch (set) {
    case 1:
        return Keywords;
    case 5:
        return Functions;
    default:
        return nullptr;
    }
}

QStringList MySqlLexer::keywordList()
{
    QStringList words = split(Keywords);
    for (auto &word : words)
        word = word.toUpper();
    return words;
}

QStringList MySqlLexer::functionList()
{
    return split(Functions);
}

} // namespace Ui
