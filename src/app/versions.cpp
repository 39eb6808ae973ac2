#include "app/versions.h"

#include "sql/mysqllibrary.h"

#include <QSslSocket>
#include <QtGlobal>

#include <Qsci/qsciglobal.h>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace App {

Ui::AboutDialog::Components componentVersions()
{
    Ui::AboutDialog::Components components;
    components.append({ u"Branchdeck"_s, QStringLiteral(BRANCHDECK_VERSION) });
    components.append(
        { u"Qt"_s, QString::fromLatin1(qVersion()) + u" (built with "_s + QStringLiteral(QT_VERSION_STR) + u')' });
    components.append({ u"MySQL client library"_s, Sql::MysqlLibrary::clientVersion() });
    components.append({ u"OpenSSL"_s, QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)) });
    components.append({ u"QScintilla"_s, QStringLiteral(QSCINTILLA_VERSION_STR) });
    return components;
}

} // namespace App
