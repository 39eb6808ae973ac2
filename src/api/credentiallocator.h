#pragma once

#include "api/credentials.h"

#include <QProcessEnvironment>
#include <QString>

#include <functional>

namespace Api {

// The defaults pscale keeps in its YAML config files.
struct PscaleDefaults
{
    QString organization;
    QString database;
    QString branch;
    QString source; // the file (or "environment") the organization came from
};

// Where credentials and defaults are looked up; every field has a sensible default so tests can point
// each one at a temporary directory or a fake environment.
struct CredentialSources
{
    Credentials explicitSignIn; // from the app's own sign-in; wins when valid
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString pscaleConfigDir; // default: ~/.config/planetscale
    QString projectDir; // start of the .pscale.yml search; default: the current directory
    // The OS keyring entry of `pscale auth login` (service "pscale", key "access-token"). The api layer
    // cannot reach the keyring itself; the layer that can (store) supplies this. Returns "" when absent.
    std::function<QString()> keyringAccessToken;
};

// Finds credentials in the order: explicit sign-in, PLANETSCALE_SERVICE_TOKEN_ID +
// PLANETSCALE_SERVICE_TOKEN, the pscale keyring entry, ~/.config/planetscale/access-token.
class CredentialLocator
{
public:
    static Credentials locate(const CredentialSources &sources);

    // Organization (and database/branch) defaults: PLANETSCALE_ORG, then the project's .pscale.yml (at
    // the git root, else the project directory), then ~/.config/planetscale/pscale.yml.
    static PscaleDefaults defaults(const CredentialSources &sources);

    static QString defaultConfigDir();
    // The few `key: value` lines pscale writes; anything else in the file is ignored.
    static PscaleDefaults readPscaleYaml(const QString &filePath);
};

} // namespace Api
