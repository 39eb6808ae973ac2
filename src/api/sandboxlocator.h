#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Api {

// What `branchdeck-local start --dir DIR` writes to DIR/sandbox.json.
struct SandboxInfo
{
    QString path; // of sandbox.json
    QUrl apiUrl;
    QString serviceTokenId;
    QString serviceToken;
    QString caFile;
};

// Finds and reads the local sandbox's sandbox.json.
class SandboxLocator
{
public:
    // $BRANCHDECK_SANDBOX_DIR, then the usual data folders; existing files first.
    static QStringList candidates();
    static QString find(); // the first candidate that exists, or ""
    static Core::Result<SandboxInfo> read(const QString &path);
};

} // namespace Api
