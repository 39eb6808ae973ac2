#include "schema/schemamodel.h"

namespace Schema {

namespace {

template<typename T> const T *findByName(const QList<T> &items, QStringView name)
{
    for (const T &item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

} // namespace

const Column *Table::column(QStringView columnName) const
{
    return findByName(columns, columnName);
}

const Index *Table::index(QStringView indexName) const
{
    return findByName(indexes, indexName);
}

QString Table::option(QStringView key) const
{
    for (const TableOption &o : options) {
        if (o.key == key)
            return o.value;
    }
    return {};
}

bool Table::hasOption(QStringView key) const
{
    for (const TableOption &o : options) {
        if (o.key == key)
            return true;
    }
    return false;
}

const Period *Table::period(QStringView periodName) const
{
    return findByName(periods, periodName);
}

const Period *Table::systemPeriod() const
{
    for (const Period &p : periods) {
        if (p.system)
            return &p;
    }
    return nullptr;
}

bool Table::sameText(const Table &other) const
{
    auto before = [](const Table &t) {
        return QStringView(t.createStatement)
            .first(t.autoIncrementStart < 0 ? t.createStatement.size() : t.autoIncrementStart);
    };
    auto after = [](const Table &t) {
        return t.autoIncrementStart < 0
            ? QStringView()
            : QStringView(t.createStatement).sliced(t.autoIncrementStart + t.autoIncrementLength);
    };
    return before(*this) == before(other) && after(*this) == after(other);
}

const Table *SchemaModel::table(QStringView name) const
{
    return findByName(tables, name);
}

const View *SchemaModel::view(QStringView name) const
{
    return findByName(views, name);
}

const StoredProgram *SchemaModel::program(StoredProgram::Kind kind, QStringView name) const
{
    for (const StoredProgram &p : programs) {
        if (p.kind == kind && p.name == name)
            return &p;
    }
    return nullptr;
}

QString StoredProgram::typeName() const
{
    switch (kind) {
    case Kind::Procedure:
        return QStringLiteral("PROCEDURE");
    case Kind::Function:
        return QStringLiteral("FUNCTION");
    case Kind::Trigger:
        return QStringLiteral("TRIGGER");
    case Kind::Event:
        return QStringLiteral("EVENT");
    }
    return {};
}

QString quoteIdentifier(QStringView name)
{
    QString out;
    out.reserve(name.size() + 2);
    out += u'`';
    for (QChar c : name) {
        if (c == u'`')
            out += u'`';
        out += c;
    }
    out += u'`';
    return out;
}

} // namespace Schema
