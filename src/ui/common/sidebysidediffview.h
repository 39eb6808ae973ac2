#pragma once

#include "schema/schemacomparison.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace Ui {

class TableDiffBlock;

// Per-table schema differences at the full width of the document: one collapsible block per table (its
// warnings and lint errors, the old and new CREATE text side by side with the changed words marked, the
// statement that will run beneath), stacked in one scrolling page with a summary and expand/collapse-all
// above. A message replaces the page while loading, when nothing differs, or on an error.
class SideBySideDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit SideBySideDiffView(QWidget *parent = nullptr);

    void setTitles(const QString &left, const QString &right);
    void setDiffs(const QList<Schema::TableDiff> &diffs);
    // Shown instead of the panes: "No differences", "Loading…", an error.
    void setMessage(const QString &message);

    int tableCount() const { return int(m_blocks.size()); }
    QStringList tables() const;
    // The table last selected (first one after setDiffs); selectTable also expands and scrolls to it.
    QString currentTable() const;
    bool selectTable(const QString &name);
    void setAllExpanded(bool expanded);
    TableDiffBlock *block(const QString &name) const;
    // Of the current table: the aligned sides, its notes.
    QString leftText() const;
    QString rightText() const;
    QString notesText() const;
    QString message() const;
    QString summaryText() const;

Q_SIGNALS:
    void currentTableChanged(const QString &name);

private:
    void clearBlocks();

    QList<TableDiffBlock *> m_blocks;
    int m_current = -1;
    QString m_leftTitle;
    QString m_rightTitle;
    QLabel *m_message;
    QLabel *m_summary;
    QWidget *m_page;
    QVBoxLayout *m_list;
    QScrollArea *m_scroll;
    QWidget *m_body;
};

} // namespace Ui
