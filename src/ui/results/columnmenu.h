#pragma once

#include <QMenu>

namespace Ui {

class ResultGrid;

// The context menu of a column header: sort (alone, or added to the keys), where NULLs go, how text is
// ordered, conditions on the column, statistics, and the server-side re-run.
class ColumnMenu : public QMenu
{
    Q_OBJECT
public:
    ColumnMenu(ResultGrid *grid, int column, QWidget *parent = nullptr);

private:
    void addSortActions();
    void addOrderOptions();
    void addFilterActions();

    ResultGrid *m_grid;
    int m_column;
};

} // namespace Ui
