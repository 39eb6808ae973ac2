#pragma once

#include "core/connectionstrings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Ui {

// Pick a client (mysql, JDBC, Python, Go, Node, Rails…), see its connection string or snippet for a target,
// copy it. The last client picked is remembered (setting passwords/connectionStringKind).
class ConnectionStringBox : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionStringBox(QWidget *parent = nullptr);

    void setTarget(const Core::ConnectionTarget &target);
    void setKind(Core::ConnectionStrings::Kind kind);
    Core::ConnectionStrings::Kind kind() const;
    QString text() const;
    void copy(); // to the clipboard

Q_SIGNALS:
    void copied(const QString &label);

private:
    void refresh();

    Core::ConnectionTarget m_target;
    QComboBox *m_kinds;
    QPlainTextEdit *m_text;
    QPushButton *m_copy;
    QLabel *m_note;
};

} // namespace Ui
