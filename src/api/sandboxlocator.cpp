#include "api/sandboxlocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Api {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Api::SandboxLocator", text);
}
} // namespace

QStringList SandboxLocator::candidates()
{
    QStringList result;
    const QString env = qEnvironmentVariable("BRANCHDECK_SANDBOX_DIR");
    if (!env.isEmpty())
        result << QDir(env).filePath(u"sandbox.json"_s);
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (!data.isEmpty()) {
        result << data + u"/branchdeck-local/sandbox.json"_s;
        result << data + u"/Branchdeck/sandbox/sandbox.json"_s;
    }
    const QString app = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!app.isEmpty())
        result << app + u"/sandbox/sandbox.json"_s;
    result.removeDuplicates();
    return result;
}

QString SandboxLocator::find()
{
    for (const QString &path : candidates()) {
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

Core::Result<SandboxInfo> SandboxLocator::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Core::makeError(u"sandbox_missing"_s,
            tr("No local sandbox found at %1. Start one with `branchdeck-local start --dir DIR`.").arg(path),
            file.errorString());
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Core::makeError(
            u"sandbox_invalid"_s, tr("%1 is not a valid sandbox.json.").arg(path), parseError.errorString());
    const QJsonObject o = doc.object();
    SandboxInfo info;
    info.path = path;
    info.apiUrl = QUrl(o.value(u"api_url"_s).toString());
    info.serviceTokenId = o.value(u"service_token_id"_s).toString();
    info.serviceToken = o.value(u"service_token"_s).toString();
    info.caFile = o.value(u"ca_file"_s).toString();
    if (!info.caFile.isEmpty() && QFileInfo(info.caFile).isRelative())
        info.caFile = QFileInfo(path).dir().filePath(info.caFile);
    if (!info.apiUrl.isValid() || info.apiUrl.isEmpty() || info.serviceTokenId.isEmpty()
        || info.serviceToken.isEmpty()) {
        return Core::makeError(u"sandbox_invalid"_s,
            tr("%1 lacks api_url, service_token_id or service_token; restart the sandbox.").arg(path));
    }
    return info;
}

} // namespace Api
