#include "api/credentiallocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Api {

namespace {

QString configDir(const CredentialSources &sources)
{
    return sources.pscaleConfigDir.isEmpty() ? CredentialLocator::defaultConfigDir() : sources.pscaleConfigDir;
}

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith(u'"') && value.endsWith(u'"')) || (value.startsWith(u'\'') && value.endsWith(u'\''))))
        return value.mid(1, value.size() - 2);
    const qsizetype comment = value.indexOf(u" #"_s);
    return comment >= 0 ? value.left(comment).trimmed() : value;
}

// The project config lives at the git root (as `pscale branch switch` writes it), else in the directory.
QString projectConfigPath(const QString &start)
{
    QDir dir(start.isEmpty() ? QDir::currentPath() : start);
    for (QDir probe = dir;;) {
        if (QFileInfo::exists(probe.filePath(u".git"_s)))
            return probe.filePath(u".pscale.yml"_s);
        if (!probe.cdUp())
            break;
    }
    return dir.filePath(u".pscale.yml"_s);
}

} // namespace

QString CredentialLocator::defaultConfigDir()
{
    return QDir::homePath() + u"/.config/planetscale"_s;
}

PscaleDefaults CredentialLocator::readPscaleYaml(const QString &filePath)
{
    PscaleDefaults result;
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return result;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u' ') || line.startsWith(u'\t') || line.trimmed().startsWith(u'#'))
            continue; // only top-level keys matter
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString key = line.left(colon).trimmed();
        const QString value = unquote(line.mid(colon + 1));
        if (key == "org"_L1)
            result.organization = value;
        else if (key == "database"_L1)
            result.database = value;
        else if (key == "branch"_L1)
            result.branch = value;
    }
    if (!result.organization.isEmpty())
        result.source = filePath;
    return result;
}

Credentials CredentialLocator::locate(const CredentialSources &sources)
{
    if (sources.explicitSignIn.isValid())
        return sources.explicitSignIn;

    const QString id = sources.environment.value(u"PLANETSCALE_SERVICE_TOKEN_ID"_s);
    const QString token = sources.environment.value(u"PLANETSCALE_SERVICE_TOKEN"_s);
    if (!id.trimmed().isEmpty() && !token.trimmed().isEmpty())
        return Credentials::serviceToken(id, token, u"environment"_s);

    if (sources.keyringAccessToken) {
        const QString fromKeyring = sources.keyringAccessToken().trimmed();
        if (!fromKeyring.isEmpty())
            return Credentials::oauthToken(fromKeyring, u"pscale keyring"_s);
    }

    const QString tokenFile = QDir(configDir(sources)).filePath(u"access-token"_s);
    QFile file(tokenFile);
    if (file.open(QIODevice::ReadOnly)) {
        const QString fromFile = QString::fromUtf8(file.readAll()).trimmed();
        if (!fromFile.isEmpty())
            return Credentials::oauthToken(fromFile, tokenFile);
    }
    return {};
}

PscaleDefaults CredentialLocator::defaults(const CredentialSources &sources)
{
    const PscaleDefaults project = readPscaleYaml(projectConfigPath(sources.projectDir));
    const PscaleDefaults global = readPscaleYaml(QDir(configDir(sources)).filePath(u"pscale.yml"_s));

    PscaleDefaults result = project.organization.isEmpty() ? global : project;
    if (result.database.isEmpty())
        result.database = project.database.isEmpty() ? global.database : project.database;
    if (result.branch.isEmpty())
        result.branch = project.branch.isEmpty() ? global.branch : project.branch;

    const QString envOrg = sources.environment.value(u"PLANETSCALE_ORG"_s).trimmed();
    if (!envOrg.isEmpty()) {
        result.organization = envOrg;
        result.source = u"environment"_s;
    }
    return result;
}

} // namespace Api
