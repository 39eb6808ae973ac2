#pragma once

#include "core/columnstatistics.h"
#include "core/resultformatter.h"
#include "core/resultsorter.h"

#include <QHash>
#include <QPointer>
#include <QTableView>

namespace Ui {

class CellDelegate;
class ColumnFilterEditor;
class ResultArranger;
class ResultExporter;
class ResultHeaderView;
class ResultSetModel;

// The grid of one result: type-aware delegate, column widths from the first rows, copy as
// TSV/CSV/JSON/Markdown/SQL INSERT, a viewer for long text and JSON. Sorting (click a header; Shift+click
// adds a column; ascending → descending → none) and filtering run on worker threads (ResultArranger): the
// grid stays interactive, shows the previous order meanwhile, and a busy cursor says it is working.
class ResultGrid : public QTableView
{
    Q_OBJECT
public:
    explicit ResultGrid(QWidget *parent = nullptr);

    void setResultModel(ResultSetModel *model);
    ResultSetModel *resultModel() const { return m_model; }
    ResultArranger *arranger() const { return m_arranger; }
    ResultHeaderView *resultHeader() const { return m_header; }

    // Rows whose cells contain the text (any column, case-insensitive); empty shows all.
    void setFilterText(const QString &text);
    void sortByResultColumn(int column, Qt::SortOrder order);
    // What a click on a header does; with Shift the column is added to (or cycled within) the sort keys.
    void clickHeader(int column, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    void setColumnNullOrder(int column, Core::NullOrder order);
    Core::NullOrder columnNullOrder(int column) const { return m_nullOrders.value(column); }
    void setColumnTextOrder(int column, Core::TextOrder order);
    Core::TextOrder columnTextOrder(int column) const { return m_textOrders.value(column); }
    // Opens the condition popup under the column's header.
    ColumnFilterEditor *editColumnFilter(int column);

    // The selected cells (rows in view order, columns in visual order), formatted.
    QString selectionText(Core::ResultFormat format) const;
    // The selection as column ranges of view rows, for statistics.
    QList<Core::ColumnSelection> columnSelection() const;
    void copySelection(Core::ResultFormat format);
    void showCellViewer(const QModelIndex &index);
    // Asks for a file and exports the whole result with a cancellable progress dialog.
    void exportResult();
    // The same without the file dialog; the exporter reports through its finished() signal.
    ResultExporter *exportTo(const QString &path, Core::ResultFormat format);

    // The source row of a view row (identity until sorting or filtering is used).
    int sourceRow(int viewRow) const;
    // Makes a view row (0-based) current and visible.
    void goToRow(int viewRow);
    // Cells containing the text are highlighted (find in results).
    void setFindHighlight(const QString &text, Qt::CaseSensitivity cs);
    // Logical column indexes in the order they are shown, hidden columns left out.
    QList<int> visualColumns() const;

Q_SIGNALS:
    void exported(const QString &path);
    void findRequested(); // Ctrl+F
    void goToRowRequested(); // Ctrl+G
    void statisticsRequested();
    void serverRunRequested(); // sort and filter by the server (re-run the statement)

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    Core::SortKey keyFor(int column, Qt::SortOrder order) const;
    void updateHeaderMarks();
    void fitColumnsToFirstRows();

    QPointer<ResultSetModel> m_model;
    ResultArranger *m_arranger = nullptr;
    ResultHeaderView *m_header;
    CellDelegate *m_delegate;
    QHash<int, Core::NullOrder> m_nullOrders;
    QHash<int, Core::TextOrder> m_textOrders;
    Qt::KeyboardModifiers m_headerModifiers; // of the last click on the header (Shift adds a sort key)
    bool m_columnsFitted = false;
};

} // namespace Ui
