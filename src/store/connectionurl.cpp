#include "store/connectionurl.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Store {

Core::Result<ParsedConnectionUrl> ConnectionUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"mysql"_s && scheme != u"mariadb"_s && scheme != u"mysqlx"_s))
        return Core::makeError(u"url_invalid"_s, u"This is not a mysql:// connection URL."_s,
            url.isValid() ? url.scheme() : url.errorString());
    if (url.host().isEmpty())
        return Core::makeError(u"url_no_host"_s, u"The connection URL names no host."_s);

    ParsedConnectionUrl parsed;
    auto &p = parsed.profile;
    p.host = url.host();
    const int port = url.port(3306);
    if (port <= 0 || port > 65535)
        return Core::makeError(u"url_bad_port"_s, u"The port in the connection URL is not valid."_s);
    p.port = static_cast<quint16>(port);
    p.user = url.userName(QUrl::FullyDecoded);
    parsed.password = url.password(QUrl::FullyDecoded);
    p.database = url.path(QUrl::FullyDecoded);
    if (p.database.startsWith(u'/'))
        p.database.remove(0, 1);

    const QUrlQuery query(url);
    for (const auto &[rawKey, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        const QString key = rawKey.toLower().replace(u'_', u'-');
        const QString value = rawValue.trimmed();
        if (key == u"ssl-mode"_s || key == u"sslmode"_s) {
            const QString mode = value.toUpper().replace(u'-', u'_');
            if (mode == u"DISABLED"_s || mode == u"DISABLE"_s) {
                p.tlsMode = TlsMode::Disabled;
            } else {
                p.tlsMode = TlsMode::VerifyIdentity;
                if (mode != u"VERIFY_IDENTITY"_s && mode != u"VERIFY_FULL"_s)
                    parsed.notes.append(u"ssl-mode=%1 was raised to VERIFY_IDENTITY: Branchdeck always checks the "
                                        u"server's certificate and host name."_s.arg(value));
            }
        } else if (key == u"ssl-ca"_s || key == u"sslca"_s || key == u"sslrootcert"_s) {
            p.caFile = value;
        } else if (key == u"sslaccept"_s || key == u"ssl"_s) {
            p.tlsMode = TlsMode::VerifyIdentity; // sslaccept=strict / ssl={"rejectUnauthorized":true}
        } else {
            parsed.notes.append(u"The URL parameter \u201c%1\u201d was ignored."_s.arg(rawKey));
        }
    }
    return parsed;
}

QString ConnectionUrl::toUrl(const ConnectionProfile &profile)
{
    QUrl url;
    url.setScheme(u"mysql"_s);
    url.setHost(profile.host);
    url.setPort(profile.port);
    url.setUserName(profile.user);
    if (!profile.database.isEmpty())
        url.setPath(u'/' + profile.database);
    QUrlQuery query;
    query.addQueryItem(u"ssl-mode"_s, tlsModeName(profile.tlsMode));
    if (!profile.caFile.isEmpty())
        query.addQueryItem(u"ssl-ca"_s, profile.caFile);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace Store
