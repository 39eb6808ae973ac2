// branchdeck-schemadiff FROM TO: prints the DDL that turns schema FROM into schema TO.
// Exit code 0 when identical, 1 when different, 2 on error.

#include "schema/schemadiff.h"
#include "schema/schemaloader.h"
#include "schema/tablememo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"branchdeck-schemadiff"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BRANCHDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints the CREATE, ALTER and DROP statements that turn schema FROM into schema TO.\n"
        "Each side is a .sql file of CREATE TABLE / VIEW / PROCEDURE / FUNCTION / TRIGGER / EVENT\n"
        "statements (as SHOW CREATE or mysqldump --no-data --routines --triggers prints them) or a\n"
        "directory of such files.\n"
        "Exit code: 0 identical, 1 different, 2 error."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption json(u"json"_s, u"Print the statements grouped per table as JSON."_s);
    parser.addOption(json);
    const QCommandLineOption detectRenames(u"detect-renames"_s,
        u"Emit RENAME COLUMN / RENAME INDEX for columns and indexes that look renamed (same definition,\n"
        "one name only on each side) instead of dropping and adding them. --json lists the candidates\n"
        "with their evidence either way."_s);
    parser.addOption(detectRenames);
    parser.addPositionalArgument(u"FROM"_s, u"The current schema: a .sql file or a directory."_s);
    parser.addPositionalArgument(u"TO"_s, u"The desired schema: a .sql file or a directory."_s);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        err << "usage: branchdeck-schemadiff [--json] [--detect-renames] FROM TO\n";
        return 2;
    }
    Schema::TableMemo memo; // most tables are printed identically on both sides: parse them once
    const auto from = Schema::SchemaLoader::fromPath(args[0], &memo);
    if (!from) {
        err << "branchdeck-schemadiff: " << from.error().message << '\n';
        return 2;
    }
    const auto to = Schema::SchemaLoader::fromPath(args[1], &memo);
    if (!to) {
        err << "branchdeck-schemadiff: " << to.error().message << '\n';
        return 2;
    }
    Schema::DiffOptions options;
    options.detectRenames = parser.isSet(detectRenames);
    const Schema::SchemaDiffResult diff = Schema::SchemaDiff::compare(from.value(), to.value(), options);
    if (parser.isSet(json))
        out << QString::fromUtf8(QJsonDocument(diff.toJson()).toJson(QJsonDocument::Indented));
    else
        out << diff.toSql();
    return diff.isEmpty() ? 0 : 1;
}
