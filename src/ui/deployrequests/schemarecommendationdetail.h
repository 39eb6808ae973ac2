#pragma once

#include "core/schemarecommendation.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace Ui {

// The selected schema recommendation under the list: what it says in full, its history (opened, applied by
// which deploy request, dismissed by whom) and its DDL whole, in a monospace box that can be selected and
// copied (the list elides both to keep one line per recommendation).
class SchemaRecommendationDetail : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaRecommendationDetail(QWidget *parent = nullptr);

    // Shows `recommendation`, or the hint to pick one when null.
    void showRecommendation(const Core::SchemaRecommendation *recommendation);
    QString ddl() const;
    QString historyText() const;

private:
    QLabel *m_heading;
    QLabel *m_title;
    QLabel *m_history;
    QPlainTextEdit *m_ddl;
    QToolButton *m_copy;
};

} // namespace Ui
