#pragma once

#include "core/columninfo.h"
#include "core/resultfilter.h"

#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;

namespace Ui {

// A small popup under a column header to add a condition on the column: an operator (=, ≠, <, ≤, >, ≥,
// contains, does not contain, is NULL, is not NULL, matches) and a value, checked against the column's type
// before it is accepted.
class ColumnFilterEditor : public QFrame
{
    Q_OBJECT
public:
    ColumnFilterEditor(const QList<Core::ColumnInfo> &columns, int column, QWidget *parent = nullptr);

    void setCondition(Core::FilterOp op, const QString &value);
    QComboBox *operatorBox() const { return m_operator; }
    QLineEdit *valueEdit() const { return m_value; }
    QString errorText() const;
    // Validates and emits accepted(); returns false (and says why) when the value does not fit the column.
    bool accept();

Q_SIGNALS:
    void accepted(const Core::ColumnCondition &condition);

private:
    void updateValueEnabled();

    QList<Core::ColumnInfo> m_columns;
    int m_column;
    QComboBox *m_operator;
    QLineEdit *m_value;
    QLabel *m_error;
};

} // namespace Ui
