#pragma once

#include "core/columninfo.h"

#include <QDialog>

class QPlainTextEdit;
class QLabel;

namespace Ui {

// Shows one cell in full: text as is, JSON pretty-printed, binary as a hex dump with its size.
class CellViewer : public QDialog
{
    Q_OBJECT
public:
    explicit CellViewer(QWidget *parent = nullptr);

    void showCell(const QString &columnName, Core::ColumnKind kind, bool isNull, const QByteArray &bytes);
    QString text() const;

    static QString hexDump(const QByteArray &bytes, qsizetype limit = 64 * 1024);
    // Pretty JSON, or an empty string when the text is not JSON.
    static QString prettyJson(const QByteArray &bytes);

private:
    QLabel *m_info;
    QPlainTextEdit *m_text;
};

} // namespace Ui
