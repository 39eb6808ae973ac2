// The SHOW CREATE TABLE parser on arbitrary text: no crash, and what it accepts reaches a fixed point:
// parse → render → parse gives the same table (render is built here from the public model only: every
// element keeps the definition text the server printed). The view parser and the script loader run too.

#include "fuzzcheck.h"
#include "schema/schemaloader.h"
#include "schema/tablecomparer.h"
#include "schema/tableparser.h"
#include "schema/viewparser.h"

#include <QStringList>

#include <cstdint>

namespace {

QString quoted(const QString &name)
{
    QString out = name;
    out.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + out + QLatin1Char('`');
}

QString render(const Schema::Table &table)
{
    QStringList lines;
    for (const Schema::Column &c : table.columns)
        lines.append(QStringLiteral("  ") + quoted(c.name) + QLatin1Char(' ') + c.definition);
    for (const Schema::Index &i : table.indexes)
        lines.append(QStringLiteral("  ") + i.definition);
    for (const Schema::ForeignKey &f : table.foreignKeys)
        lines.append(QStringLiteral("  ") + f.definition);
    for (const Schema::CheckConstraint &c : table.checks)
        lines.append(QStringLiteral("  ") + c.definition);
    QString out = QStringLiteral("CREATE TABLE ") + quoted(table.name) + QStringLiteral(" (\n")
        + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n)");
    for (const Schema::TableOption &o : table.options)
        out += QLatin1Char(' ') + Schema::TableComparer::optionText(o);
    if (!table.partitioning.isEmpty())
        out += QLatin1Char('\n') + table.partitioning;
    return out;
}

QString summary(const Schema::Table &t)
{
    QStringList parts { t.name };
    for (const Schema::Column &c : t.columns)
        parts.append(c.name + QLatin1Char(':') + c.type + QLatin1Char('(') + c.typeArgs + QLatin1Char(')')
            + (c.nullable ? QStringLiteral("null") : QStringLiteral("notnull")) + c.defaultValue.value_or(QString()));
    for (const Schema::Index &i : t.indexes)
        parts.append(i.name + QString::number(int(i.kind)) + QString::number(i.parts.size()));
    for (const Schema::ForeignKey &f : t.foreignKeys)
        parts.append(f.name + f.referencedTable + f.columns.join(QLatin1Char(',')));
    return parts.join(QLatin1Char('|'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Schema::ViewParser::parse(text);
    (void)Schema::SchemaLoader::fromScript(text, QStringLiteral("fuzz"));

    const Core::Result<Schema::Table> first = Schema::TableParser::parse(text);
    if (!first) {
        FUZZ_CHECK(!first.error().message.isEmpty(), "a rejection without a message");
        return 0;
    }
    const QString once = render(first.value());
    const Core::Result<Schema::Table> second = Schema::TableParser::parse(once);
    FUZZ_CHECK(second.ok(), "the rendered table does not parse: %s\n--- rendered:\n%s",
        second ? "" : qPrintable(second.error().toString()), qPrintable(once));
    const QString twice = render(second.value());
    FUZZ_CHECK(once == twice, "no fixed point:\n--- once:\n%s\n--- twice:\n%s", qPrintable(once), qPrintable(twice));
    FUZZ_CHECK(summary(first.value()) == summary(second.value()), "the model changed:\n%s\n%s",
        qPrintable(summary(first.value())), qPrintable(summary(second.value())));
    return 0;
}
