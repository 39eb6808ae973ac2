#pragma once

#include "api/apierror.h"

#include <QByteArray>
#include <QString>

namespace Api {

// A PlanetScale credential: a service token (id + secret) or an OAuth access token (what
// `pscale auth login` stores). The secret is only ever turned into an Authorization header; describe()
// and every error show the id and where it came from, never the secret.
class Credentials
{
public:
    Credentials() = default;
    static Credentials serviceToken(QString tokenId, QString token, QString source);
    static Credentials oauthToken(QString accessToken, QString source);

    AuthScheme scheme() const { return m_scheme; }
    bool isValid() const;
    QString source() const { return m_source; } // "environment", "pscale keyring", a file path…
    QString serviceTokenId() const { return m_tokenId; } // not a secret
    QString describe() const; // safe to log or show

    // "<id>:<token>" for a service token (no scheme word), "Bearer <token>" for OAuth.
    QByteArray authorizationHeader() const;

    // Replaces every occurrence of the secret in text; for body snippets that end up in errors.
    QString redact(const QString &text) const;

private:
    AuthScheme m_scheme = AuthScheme::None;
    QString m_tokenId;
    QString m_secret;
    QString m_source;
};

} // namespace Api
