#include "ui/results/columnmenu.h"

#include "core/cellcomparator.h"
#include "ui/results/resultarranger.h"
#include "ui/results/resultgrid.h"
#include "ui/results/resultsetmodel.h"

#include <QActionGroup>

using namespace Qt::StringLiterals;

namespace Ui {

ColumnMenu::ColumnMenu(ResultGrid *grid, int column, QWidget *parent)
    : QMenu(parent)
    , m_grid(grid)
    , m_column(column)
{
    addSortActions();
    addOrderOptions();
    addSeparator();
    addFilterActions();
    addSeparator();
    addAction(tr("Statistics of This Column"), m_grid, [grid, column] {
        grid->selectColumn(column);
        Q_EMIT grid->statisticsRequested();
    });
    addAction(tr("Sort and Filter on the Server"), m_grid, &ResultGrid::serverRunRequested);
}

void ColumnMenu::addSortActions()
{
    auto *arranger = m_grid->arranger();
    const auto keys = arranger->sortKeys();
    const bool sorted = std::any_of(keys.begin(), keys.end(), [this](const auto &k) { return k.column == m_column; });
    const int column = m_column;
    ResultGrid *grid = m_grid;
    addAction(tr("Sort Ascending"), grid, [grid, column] { grid->sortByResultColumn(column, Qt::AscendingOrder); });
    addAction(tr("Sort Descending"), grid, [grid, column] { grid->sortByResultColumn(column, Qt::DescendingOrder); });
    if (!sorted && !keys.isEmpty()) {
        addAction(tr("Then by This Column (Shift+Click)"), grid,
            [grid, column] { grid->clickHeader(column, Qt::ShiftModifier); });
    }
    if (sorted && keys.size() > 1) {
        addAction(tr("Remove from Sort"), grid, [arranger, column] {
            auto next = arranger->sortKeys();
            next.removeIf([column](const auto &k) { return k.column == column; });
            arranger->setSortKeys(next);
        });
    }
    auto *clear = addAction(tr("Clear Sort"), grid, [arranger] { arranger->setSortKeys({}); });
    clear->setEnabled(!keys.isEmpty());
}

void ColumnMenu::addOrderOptions()
{
    ResultGrid *grid = m_grid;
    const int column = m_column;
    auto *nulls = addMenu(tr("NULLs"));
    auto *nullGroup = new QActionGroup(nulls);
    const QList<std::pair<Core::NullOrder, QString>> nullChoices { { Core::NullOrder::Smallest,
                                                                       tr("As the Smallest Value (like MySQL)") },
        { Core::NullOrder::First, tr("First") }, { Core::NullOrder::Last, tr("Last") } };
    for (const auto &[order, label] : nullChoices) {
        auto *action
            = nulls->addAction(label, grid, [grid, column, o = order] { grid->setColumnNullOrder(column, o); });
        action->setCheckable(true);
        action->setChecked(grid->columnNullOrder(column) == order);
        nullGroup->addAction(action);
    }
    const auto &info = grid->resultModel()->columns().at(column);
    if (!Core::CellComparator(info).isText())
        return;
    auto *text = addMenu(tr("Text Order"));
    auto *textGroup = new QActionGroup(text);
    const bool columnIgnoresCase
        = Core::CellComparator::collationOrder(info.charset) == Core::TextOrder::CaseInsensitive;
    const QList<std::pair<Core::TextOrder, QString>> textChoices {
        { Core::TextOrder::Column,
            columnIgnoresCase ? tr("Like the Column's Collation (Ignoring Case)")
                              : tr("Like the Column's Collation (By Bytes)") },
        { Core::TextOrder::Binary, tr("By Bytes (Case-Sensitive)") },
        { Core::TextOrder::CaseInsensitive, tr("Ignoring Case") },
    };
    for (const auto &[order, label] : textChoices) {
        auto *action = text->addAction(label, grid, [grid, column, o = order] { grid->setColumnTextOrder(column, o); });
        action->setCheckable(true);
        action->setChecked(grid->columnTextOrder(column) == order);
        textGroup->addAction(action);
    }
}

void ColumnMenu::addFilterActions()
{
    ResultGrid *grid = m_grid;
    auto *arranger = grid->arranger();
    const int column = m_column;
    addAction(tr("Filter This Column…"), grid, [grid, column] { grid->editColumnFilter(column); });
    const QModelIndex current = grid->currentIndex();
    if (current.isValid() && current.column() == column && !current.data(ResultSetModel::IsNullRole).toBool()) {
        const QString value = current.data(ResultSetModel::FullTextRole).toString();
        if (value.size() <= 200) {
            const QString shown = value.size() > 40 ? value.left(40) + u"\u2026"_s : value;
            addAction(tr("Only Rows Where = %1").arg(shown), grid, [arranger, column, value] {
                arranger->addCondition({ column, Core::FilterOp::Equal, value });
            });
            addAction(tr("Only Rows Where \u2260 %1").arg(shown), grid, [arranger, column, value] {
                arranger->addCondition({ column, Core::FilterOp::NotEqual, value });
            });
        }
    }
    addAction(tr("Only NULL"), grid, [arranger, column] {
        arranger->addCondition({ column, Core::FilterOp::IsNull, {} });
    });
    addAction(tr("Only Not NULL"), grid, [arranger, column] {
        arranger->addCondition({ column, Core::FilterOp::IsNotNull, {} });
    });
    const auto &conditions = arranger->filter().conditions;
    const bool here
        = std::any_of(conditions.begin(), conditions.end(), [column](const auto &c) { return c.column == column; });
    auto *clear = addAction(
        tr("Clear Filters on This Column"), grid, [arranger, column] { arranger->removeConditions(column); });
    clear->setEnabled(here);
    auto *clearAll = addAction(tr("Clear All Column Filters"), grid, [arranger] {
        auto spec = arranger->filter();
        spec.conditions.clear();
        arranger->setFilter(spec);
    });
    clearAll->setEnabled(!conditions.isEmpty());
}

} // namespace Ui
