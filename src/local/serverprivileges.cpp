#include "local/serverprivileges.h"

#include "local/sqlsession.h"

using namespace Qt::StringLiterals;

namespace Local {

namespace {

QString normalised(QString privilege)
{
    return privilege.trimmed().toUpper().replace(u'_', u' ');
}

QStringList normalised(const QStringList &privileges)
{
    QStringList out;
    for (const QString &p : privileges)
        out << normalised(p);
    return out;
}

} // namespace

ServerPrivileges::Flavor ServerPrivileges::flavorOf(const QString &version)
{
    return version.contains(u"MariaDB"_s, Qt::CaseInsensitive) ? Flavor::MariaDb : Flavor::MySql;
}

QStringList ServerPrivileges::needed(Flavor flavor)
{
    QStringList list { u"SELECT"_s, u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s, u"CREATE"_s, u"DROP"_s, u"INDEX"_s,
        u"ALTER"_s, u"REFERENCES"_s, u"CREATE TEMPORARY TABLES"_s, u"LOCK TABLES"_s, u"EXECUTE"_s, u"CREATE VIEW"_s,
        u"SHOW VIEW"_s, u"CREATE ROUTINE"_s, u"ALTER ROUTINE"_s, u"EVENT"_s, u"TRIGGER"_s, u"SHOW DATABASES"_s,
        u"CREATE USER"_s, u"PROCESS"_s };
    // Ending other accounts' sessions; and (MariaDB) re-creating a copied view or trigger whose DEFINER is a
    // branch password's account.
    if (flavor == Flavor::MariaDb)
        list << u"CONNECTION ADMIN"_s << u"SET USER"_s;
    else
        list << u"CONNECTION_ADMIN"_s;
    return list;
}

QStringList ServerPrivileges::allowed(Flavor flavor)
{
    // MySQL names the privilege to give another DEFINER differently across versions (8.0, 8.2+).
    QStringList list = needed(flavor);
    if (flavor == Flavor::MySql)
        list << u"SET_USER_ID"_s << u"SET_ANY_DEFINER"_s;
    return list;
}

QStringList ServerPrivileges::granted(const QStringList &showGrants, bool *grantOption)
{
    QStringList privileges;
    *grantOption = false;
    for (const QString &line : showGrants) {
        // "GRANT <list> ON *.* TO <account> [IDENTIFIED BY PASSWORD '…'] [… WITH GRANT OPTION]": only the list
        // is read; the rest (which may hold a password hash) is never kept.
        const qsizetype on = line.indexOf(u" ON *.* TO "_s);
        if (!line.startsWith(u"GRANT "_s) || on < 0)
            continue;
        for (const QString &p : line.mid(6, on - 6).split(u','))
            privileges << normalised(p);
        if (line.contains(u" WITH GRANT OPTION"_s))
            *grantOption = true;
    }
    privileges.removeDuplicates();
    return privileges;
}

ServerPrivileges::Report ServerPrivileges::compare(Flavor flavor, const QStringList &granted, bool grantOption)
{
    Report report;
    report.grantOption = grantOption;
    const QStringList allowedNames = normalised(allowed(flavor));
    const bool all = granted.contains(u"ALL PRIVILEGES"_s) || granted.contains(u"ALL"_s);
    for (const QString &p : granted) {
        if (p != u"USAGE"_s && !allowedNames.contains(p))
            report.extra << (p == u"ALL"_s ? u"ALL PRIVILEGES"_s : p);
    }
    for (const QString &p : normalised(needed(flavor))) {
        if (!all && !granted.contains(p))
            report.missing << p;
    }
    return report;
}

Core::Result<ServerPrivileges::Report> ServerPrivileges::check(SqlSession &session)
{
    auto version = session.queryRow(u"SELECT VERSION() AS v"_s);
    if (!version)
        return version.error();
    auto rows = session.query(u"SHOW GRANTS FOR CURRENT_USER()"_s);
    if (!rows)
        return rows.error();
    QStringList lines;
    for (const Row &row : *rows) {
        for (const QString &value : row)
            lines << value;
    }
    bool grantOption = false;
    const QStringList privileges = granted(lines, &grantOption);
    return compare(flavorOf(version->value(u"v"_s)), privileges, grantOption);
}

QString ServerPrivileges::warning(const Report &report)
{
    QStringList parts;
    if (!report.extra.isEmpty())
        parts << u"has privileges the sandbox does not use: "_s + report.extra.join(u", "_s)
                + u" (anyone who learns its password gets them)"_s;
    if (!report.missing.isEmpty())
        parts << u"lacks "_s + report.missing.join(u", "_s) + u" (some API calls will fail)"_s;
    if (!report.grantOption)
        parts << u"lacks WITH GRANT OPTION (passwords cannot be created)"_s;
    if (parts.isEmpty())
        return {};
    return u"The MySQL account "_s + parts.join(u"; "_s)
        + u". See src/local/README.md for the privileges it needs (on *.*, WITH GRANT OPTION)."_s;
}

} // namespace Local
