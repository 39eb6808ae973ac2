#pragma once

#include "schema/schemacomparison.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace Ui {

class BadgeLabel;
class DiffPane;

// One table of a schema comparison, collapsible: a header (name, new/changed/dropped, how many warnings),
// the data-loss warnings and lint errors, the two versions side by side, and beneath them the statement that
// will run.
class TableDiffBlock : public QWidget
{
    Q_OBJECT
public:
    TableDiffBlock(
        const Schema::TableDiff &diff, const QString &leftTitle, const QString &rightTitle, QWidget *parent = nullptr);

    const Schema::TableDiff &diff() const { return m_diff; }
    void setExpanded(bool expanded);
    bool isExpanded() const;
    DiffPane *pane() const { return m_pane; }
    QString notesText() const;
    QString statementText() const;

Q_SIGNALS:
    void expandedChanged(bool expanded);
    void activated();

protected:
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void updateNotes();

    Schema::TableDiff m_diff;
    QToolButton *m_toggle;
    QLabel *m_notes;
    DiffPane *m_pane;
    QWidget *m_statementBox;
    QLabel *m_statements;
    QWidget *m_body;
};

} // namespace Ui
