#include "local/httphead.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Local {

namespace {

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool parseRequestLine(const QByteArray &line, HttpHead &head, QString *error)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !parts[1].startsWith('/')) {
        *error = u"The request line is not 'METHOD /path HTTP/1.1'."_s;
        return false;
    }
    if (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0") {
        *error = u"Only HTTP/1.0 and HTTP/1.1 are spoken here."_s;
        return false;
    }
    head.method = parts[0];
    head.target = parts[1];
    head.minorVersion = parts[2].endsWith('1') ? 1 : 0;
    return true;
}

} // namespace

QByteArray HttpHead::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QString HttpHead::path() const
{
    const qsizetype mark = target.indexOf('?');
    return QUrl::fromPercentEncoding(mark < 0 ? target : target.left(mark));
}

QUrlQuery HttpHead::query() const
{
    const qsizetype mark = target.indexOf('?');
    return mark < 0 ? QUrlQuery() : QUrlQuery(QString::fromLatin1(target.mid(mark + 1)));
}

std::optional<HttpHead> HttpHead::parse(const QByteArray &text, QString *error)
{
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    HttpHead head;
    if (lines.isEmpty() || !parseRequestLine(lines.constFirst(), head, error))
        return std::nullopt;
    bool sawLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon > 0 ? line.left(colon).toLower() : QByteArray();
        if (!isToken(name)) { // also refuses obsolete line folding (a line starting with a space)
            *error = u"A header line is malformed."_s;
            return std::nullopt;
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            // Digits only, and one value: a second, different length is a smuggling attempt.
            if (!ok || length < 0 || value.startsWith('+') || (sawLength && length != head.contentLength)) {
                *error = u"Content-Length is not one non-negative number."_s;
                return std::nullopt;
            }
            head.contentLength = length;
            sawLength = true;
        }
        head.headers.append({ name, value });
    }
    const QByteArray connection = head.header("connection").toLower();
    head.keepAlive = head.minorVersion == 1 ? !connection.contains("close") : connection.contains("keep-alive");
    return head;
}

} // namespace Local
