#pragma once

#include "schema/schemacomparison.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace Ui {

// Per-table schema differences side by side: the changed tables on the left, the old and new CREATE
// text in two panes that scroll together, removed lines red, added green, changed yellow; above them the
// table's data-loss warnings and lint errors, below them the DDL that makes the change.
class SideBySideDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit SideBySideDiffView(QWidget *parent = nullptr);

    void setTitles(const QString &left, const QString &right);
    void setDiffs(const QList<Schema::TableDiff> &diffs);
    // Shown instead of the panes: "No differences", "Loading…", an error.
    void setMessage(const QString &message);

    int tableCount() const { return int(m_diffs.size()); }
    QString currentTable() const;
    bool selectTable(const QString &name);
    QString leftText() const;
    QString rightText() const;
    QString notesText() const;
    QString message() const;

private:
    void showTable(int row);

    QList<Schema::TableDiff> m_diffs;
    QLabel *m_leftTitle;
    QLabel *m_rightTitle;
    QLabel *m_message;
    QListWidget *m_tables;
    QLabel *m_notes;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    QPlainTextEdit *m_statements;
    QWidget *m_body;
};

} // namespace Ui
