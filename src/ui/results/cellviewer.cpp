#include "ui/results/cellviewer.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

CellViewer::CellViewer(QWidget *parent)
    : QDialog(parent)
    , m_info(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Value"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_info);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(640, 420);
}

QString CellViewer::prettyJson(const QByteArray &bytes)
{
    const QByteArray trimmed = bytes.trimmed();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        return {};
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(trimmed, &error);
    if (error.error != QJsonParseError::NoError)
        return {};
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QString CellViewer::hexDump(const QByteArray &bytes, qsizetype limit)
{
    QString out;
    const qsizetype n = qMin(bytes.size(), limit);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        const QByteArray line = bytes.mid(offset, qMin<qsizetype>(16, n - offset));
        QString ascii;
        for (const char ch : line)
            ascii += (ch >= 0x20 && ch < 0x7f) ? QChar::fromLatin1(ch) : u'.';
        out += QString::number(offset, 16).rightJustified(8, u'0') + u"  "_s
            + QString::fromLatin1(line.toHex(' ')).leftJustified(48, u' ') + u"  "_s + ascii + u'\n';
    }
    if (bytes.size() > limit)
        out += u"\u2026\n"_s;
    return out;
}

void CellViewer::showCell(const QString &columnName, Core::ColumnKind kind, bool isNull, const QByteArray &bytes)
{
    const QString size = QLocale().formattedDataSize(bytes.size(), 1, QLocale::DataSizeTraditionalFormat);
    setWindowTitle(tr("Value of %1").arg(columnName));
    if (isNull) {
        m_info->setText(tr("NULL"));
        m_text->setPlainText(QString());
        return;
    }
    if (kind == Core::ColumnKind::Binary || kind == Core::ColumnKind::Bit) {
        m_info->setText(tr("Binary, %1").arg(size));
        m_text->setPlainText(hexDump(bytes));
        return;
    }
    const QString pretty = prettyJson(bytes);
    if (!pretty.isEmpty()) {
        m_info->setText(tr("JSON, %1").arg(size));
        m_text->setPlainText(pretty);
        return;
    }
    m_info->setText(tr("Text, %1").arg(size));
    m_text->setPlainText(QString::fromUtf8(bytes));
}

QString CellViewer::text() const
{
    return m_text->toPlainText();
}

} // namespace Ui
