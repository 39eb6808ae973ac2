#include "ui/results/resultgrid.h"

#include "ui/results/celldelegate.h"
#include "ui/results/cellviewer.h"
#include "ui/results/resultexporter.h"
#include "ui/results/resultsetmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSortFilterProxyModel>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

ResultGrid::ResultGrid(QWidget *parent)
    : QTableView(parent)
{
    setItemDelegate(new CellDelegate(this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setAlternatingRowColors(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights: the view never measures a million rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSortIndicatorShown(false);
    horizontalHeader()->setSectionsClickable(true);
    horizontalHeader()->setSectionsMovable(true);
    connect(horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int section) {
        const auto *header = horizontalHeader();
        const bool same = header->isSortIndicatorShown() && header->sortIndicatorSection() == section;
        sortByResultColumn(section,
            same && header->sortIndicatorOrder() == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    connect(this, &QAbstractItemView::doubleClicked, this, &ResultGrid::showCellViewer);
}

void ResultGrid::setResultModel(ResultSetModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    delete m_proxy;
    m_proxy = nullptr;
    m_columnsFitted = false;
    horizontalHeader()->setSortIndicatorShown(false);
    setModel(model);
    if (!model)
        return;
    connect(model, &ResultSetModel::rowsFlushed, this, [this] {
        if (!m_columnsFitted)
            fitColumnsToFirstRows();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_columnsFitted = false; });
    if (model->rowCount() > 0)
        fitColumnsToFirstRows();
}

void ResultGrid::ensureProxy()
{
    if (m_proxy || !m_model)
        return;
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSortRole(ResultSetModel::SortRole);
    m_proxy->setFilterRole(ResultSetModel::FullTextRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSourceModel(m_model);
    setModel(m_proxy);
}

void ResultGrid::setFilterText(const QString &text)
{
    if (text.isEmpty() && !m_proxy)
        return;
    ensureProxy();
    m_proxy->setFilterFixedString(text);
}

void ResultGrid::sortByResultColumn(int column, Qt::SortOrder order)
{
    ensureProxy();
    if (!m_proxy)
        return;
    m_proxy->sort(column, order);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(column, order);
}

int ResultGrid::sourceRow(int viewRow) const
{
    if (!m_proxy)
        return viewRow;
    return m_proxy->mapToSource(m_proxy->index(viewRow, 0)).row();
}

void ResultGrid::fitColumnsToFirstRows()
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    m_columnsFitted = true;
    const auto metrics = fontMetrics();
    const int sample = qMin(m_model->rowCount(), 50);
    const int padding = 16;
    const int maxWidth = qMax(200, viewport()->width() / 2);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        int width
            = horizontalHeader()->fontMetrics().horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString())
            + padding + 12;
        for (int r = 0; r < sample; ++r)
            width = qMax(width, metrics.horizontalAdvance(m_model->index(r, c).data().toString()) + padding);
        // The first rows of a numeric column are often its smallest values (ids 1, 2, 3…): leave room for the
        // digits later rows may have, up to the column's display length.
        if (c < m_model->columns().size() && m_model->columns().at(c).isNumeric()) {
            const auto digits = qBound<quint64>(1, m_model->columns().at(c).length, 10);
            width = qMax(width, metrics.horizontalAdvance(QString(qsizetype(digits), u'0')) + padding);
        }
        setColumnWidth(c, qBound(40, width, maxWidth));
    }
}

QString ResultGrid::selectionText(ResultFormat format) const
{
    if (!m_model || !selectionModel())
        return {};
    const auto ranges = selectionModel()->selection();
    if (ranges.isEmpty())
        return {};
    std::vector<bool> rowSelected(size_t(model()->rowCount()), false);
    std::vector<bool> columnSelected(size_t(model()->columnCount()), false);
    for (const auto &range : ranges) {
        std::fill(rowSelected.begin() + range.top(), rowSelected.begin() + range.bottom() + 1, true);
        std::fill(columnSelected.begin() + range.left(), columnSelected.begin() + range.right() + 1, true);
    }
    QList<int> rows;
    for (int r = 0; r < int(rowSelected.size()); ++r)
        if (rowSelected[size_t(r)])
            rows.append(sourceRow(r));
    QList<int> columns;
    const auto *header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (logical >= 0 && columnSelected[size_t(logical)] && !isColumnHidden(logical))
            columns.append(logical);
    }
    return ResultFormatter::format(format, m_model->extract(rows, columns));
}

void ResultGrid::copySelection(ResultFormat format)
{
    const QString text = selectionText(format);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ResultGrid::showCellViewer(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    auto *viewer = new CellViewer(this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->showCell(model()->headerData(index.column(), Qt::Horizontal).toString(),
        Core::ColumnKind(index.data(ResultSetModel::ColumnKindRole).toInt()),
        index.data(ResultSetModel::IsNullRole).toBool(), index.data(ResultSetModel::RawBytesRole).toByteArray());
    viewer->show();
}

ResultExporter *ResultGrid::exportTo(const QString &path, ResultFormat format)
{
    if (!m_model)
        return nullptr;
    auto *exporter = new ResultExporter(m_model, format, path, this);
    auto *progress = new QProgressDialog(
        tr("Exporting %1 rows…").arg(QLocale().toString(m_model->receivedRows())), tr("Cancel"), 0, 1000, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300); // quick exports finish without a flash of a dialog
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, exporter, &ResultExporter::cancel);
    connect(exporter, &ResultExporter::progressChanged, progress, [progress](qsizetype done, qsizetype total) {
        progress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
    });
    connect(
        exporter, &ResultExporter::finished, this, [this, exporter, progress, path](const Core::Result<void> &result) {
            progress->close();
            progress->deleteLater();
            exporter->deleteLater();
            if (!result.ok() && result.error().code != u"export_cancelled"_s)
                QMessageBox::warning(this, tr("Export"), result.error().toString());
            else if (result.ok())
                Q_EMIT exported(path);
        });
    exporter->start();
    return exporter;
}

void ResultGrid::exportResult()
{
    if (!m_model || m_model->columnCount() == 0)
        return;
    const QList<ResultFormat> formats { ResultFormat::Csv, ResultFormat::Json, ResultFormat::SqlInsert,
        ResultFormat::Tsv, ResultFormat::Markdown };
    QStringList filters;
    for (auto format : formats)
        filters.append(tr("%1 (*.%2)").arg(ResultFormatter::displayName(format), ResultFormatter::fileSuffix(format)));
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(this, tr("Export Result"), QString(), filters.join(u";;"_s), &selected);
    if (path.isEmpty())
        return;
    const auto format = formats.at(qMax<qsizetype>(0, filters.indexOf(selected)));
    if (!path.contains(u'.'))
        path += u'.' + ResultFormatter::fileSuffix(format);
    exportTo(path, format);
}

void ResultGrid::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection(ResultFormat::Tsv);
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        showCellViewer(currentIndex());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void ResultGrid::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    auto *copy = menu.addAction(tr("Copy"), this, [this] { copySelection(ResultFormat::Tsv); });
    copy->setShortcut(QKeySequence::Copy);
    auto *copyAs = menu.addMenu(tr("Copy As"));
    for (auto format :
        { ResultFormat::Tsv, ResultFormat::Csv, ResultFormat::Json, ResultFormat::Markdown, ResultFormat::SqlInsert })
        copyAs->addAction(ResultFormatter::displayName(format), this, [this, format] { copySelection(format); });
    menu.addSeparator();
    auto *exportAction = menu.addAction(tr("Export Result…"), this, &ResultGrid::exportResult);
    exportAction->setEnabled(m_model && m_model->columnCount() > 0);
    const QModelIndex index = indexAt(event->pos());
    auto *view = menu.addAction(tr("View Value…"), this, [this, index] { showCellViewer(index); });
    view->setEnabled(index.isValid());
    const bool empty = !selectionModel() || !selectionModel()->hasSelection();
    copy->setEnabled(!empty);
    copyAs->setEnabled(!empty);
    menu.exec(event->globalPos());
}

} // namespace Ui
