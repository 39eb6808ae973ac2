#pragma once

#include "ui/results/resultformatter.h"

#include <QPointer>
#include <QTableView>

class QSortFilterProxyModel;

namespace Ui {

class ResultExporter;
class ResultSetModel;

// The grid of one result: type-aware delegate, column widths from the first rows, copy as
// TSV/CSV/JSON/Markdown/SQL INSERT, a viewer for long text and JSON, sort and filter. The sort/filter
// proxy is put between model and view only once the user sorts or filters, so plain streaming of a
// million rows pays nothing for it.
class ResultGrid : public QTableView
{
    Q_OBJECT
public:
    explicit ResultGrid(QWidget *parent = nullptr);

    void setResultModel(ResultSetModel *model);
    ResultSetModel *resultModel() const { return m_model; }

    // Rows whose cells contain the text (any column, case-insensitive); empty shows all.
    void setFilterText(const QString &text);
    void sortByResultColumn(int column, Qt::SortOrder order);

    // The selected cells (rows in view order, columns in visual order), formatted.
    QString selectionText(ResultFormat format) const;
    void copySelection(ResultFormat format);
    void showCellViewer(const QModelIndex &index);
    // Asks for a file and exports the whole result with a cancellable progress dialog.
    void exportResult();
    // The same without the file dialog; the exporter reports through its finished() signal.
    ResultExporter *exportTo(const QString &path, ResultFormat format);

    // The source row of a view row (identity until sorting or filtering is used).
    int sourceRow(int viewRow) const;

Q_SIGNALS:
    void exported(const QString &path);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void ensureProxy();
    void fitColumnsToFirstRows();

    QPointer<ResultSetModel> m_model;
    QSortFilterProxyModel *m_proxy = nullptr;
    bool m_columnsFitted = false;
};

} // namespace Ui
