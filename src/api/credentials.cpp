#include "api/credentials.h"

using namespace Qt::StringLiterals;

namespace Api {

Credentials Credentials::serviceToken(QString tokenId, QString token, QString source)
{
    Credentials c;
    c.m_scheme = AuthScheme::ServiceToken;
    c.m_tokenId = std::move(tokenId).trimmed();
    c.m_secret = std::move(token).trimmed();
    c.m_source = std::move(source);
    return c;
}

Credentials Credentials::oauthToken(QString accessToken, QString source)
{
    Credentials c;
    c.m_scheme = AuthScheme::OAuthToken;
    c.m_secret = std::move(accessToken).trimmed();
    c.m_source = std::move(source);
    return c;
}

bool Credentials::isValid() const
{
    switch (m_scheme) {
    case AuthScheme::ServiceToken:
        return !m_tokenId.isEmpty() && !m_secret.isEmpty();
    case AuthScheme::OAuthToken:
        return !m_secret.isEmpty();
    case AuthScheme::None:
        break;
    }
    return false;
}

QString Credentials::describe() const
{
    switch (m_scheme) {
    case AuthScheme::ServiceToken:
        return u"service token %1 (from %2)"_s.arg(m_tokenId, m_source);
    case AuthScheme::OAuthToken:
        return u"access token (from %1)"_s.arg(m_source);
    case AuthScheme::None:
        break;
    }
    return u"no credentials"_s;
}

QByteArray Credentials::authorizationHeader() const
{
    switch (m_scheme) {
    case AuthScheme::ServiceToken:
        return m_tokenId.toUtf8() + ':' + m_secret.toUtf8();
    case AuthScheme::OAuthToken:
        return "Bearer " + m_secret.toUtf8();
    case AuthScheme::None:
        break;
    }
    return {};
}

QString Credentials::redact(const QString &text) const
{
    if (m_secret.size() < 4) // nothing meaningful to hide, and avoid mangling text around a tiny string
        return text;
    QString result = text;
    result.replace(m_secret, u"[redacted]"_s);
    return result;
}

} // namespace Api
