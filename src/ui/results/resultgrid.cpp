#include "ui/results/resultgrid.h"

#include "ui/results/celldelegate.h"
#include "ui/results/cellviewer.h"
#include "ui/results/columnfiltereditor.h"
#include "ui/results/columnmenu.h"
#include "ui/results/resultarranger.h"
#include "ui/results/resultexporter.h"
#include "ui/results/resultheaderview.h"
#include "ui/results/resultsetmodel.h"
#include "ui/results/rownumberheader.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QProgressDialog>
#include <QScrollBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

// Selections above this many rows are dropped when rows move (sorting, filtering): keeping them would mean
// a persistent index per row.
constexpr int KeptSelectionRows = 10'000;

} // namespace

ResultGrid::ResultGrid(QWidget *parent)
    : QTableView(parent)
    , m_header(new ResultHeaderView(this))
    , m_delegate(new CellDelegate(this))
{
    setHorizontalHeader(m_header);
    setVerticalHeader(new RowNumberHeader(this));
    setItemDelegate(m_delegate);
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
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setHighlightSections(false);
    m_header->setSectionsClickable(true);
    m_header->setSectionsMovable(true);
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    m_header->viewport()->installEventFilter(this);
    connect(
        m_header, &QHeaderView::sectionClicked, this, [this](int section) { clickHeader(section, m_headerModifiers); });
    connect(m_header, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const int column = m_header->logicalIndexAt(pos);
        if (column < 0 || !m_model)
            return;
        ColumnMenu menu(this, column, this);
        menu.exec(m_header->mapToGlobal(pos));
    });
    connect(this, &QAbstractItemView::doubleClicked, this, &ResultGrid::showCellViewer);
}

void ResultGrid::setResultModel(ResultSetModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    delete m_arranger;
    m_arranger = nullptr;
    m_model = model;
    m_columnsFitted = false;
    m_nullOrders.clear();
    m_textOrders.clear();
    setModel(model);
    updateHeaderMarks();
    if (!model)
        return;
    m_arranger = new ResultArranger(model, this);
    connect(m_arranger, &ResultArranger::busyChanged, this, [this](bool busy) {
        if (busy)
            viewport()->setCursor(Qt::BusyCursor);
        else
            viewport()->unsetCursor();
    });
    connect(m_arranger, &ResultArranger::aboutToRearrange, this, [this] {
        const auto ranges = selectionModel() ? selectionModel()->selection() : QItemSelection();
        qsizetype rows = 0;
        for (const auto &range : ranges)
            rows += range.height();
        if (rows > KeptSelectionRows) {
            const QModelIndex current = currentIndex();
            selectionModel()->clearSelection();
            selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
        }
    });
    connect(m_arranger, &ResultArranger::changed, this, &ResultGrid::updateHeaderMarks);
    connect(model, &ResultSetModel::rowsFlushed, this, [this] {
        if (!m_columnsFitted)
            fitColumnsToFirstRows();
    });
    connect(model, &ResultSetModel::resultStarted, this, [this] {
        m_columnsFitted = false;
        m_nullOrders.clear();
        m_textOrders.clear();
        updateHeaderMarks();
    });
    if (model->rowCount() > 0)
        fitColumnsToFirstRows();
}

void ResultGrid::setFilterText(const QString &text)
{
    if (m_arranger)
        m_arranger->setFilterText(text);
}

Core::SortKey ResultGrid::keyFor(int column, Qt::SortOrder order) const
{
    return Core::SortKey { column, order, m_nullOrders.value(column), m_textOrders.value(column) };
}

void ResultGrid::sortByResultColumn(int column, Qt::SortOrder order)
{
    if (m_arranger)
        m_arranger->setSortKeys({ keyFor(column, order) });
    updateHeaderMarks();
}

void ResultGrid::clickHeader(int column, Qt::KeyboardModifiers modifiers)
{
    if (!m_arranger || column < 0 || column >= m_model->columnCount())
        return;
    QList<Core::SortKey> keys = m_arranger->sortKeys();
    const auto it = std::find_if(keys.begin(), keys.end(), [column](const auto &k) { return k.column == column; });
    if (modifiers & Qt::ShiftModifier) {
        if (it == keys.end())
            keys.append(keyFor(column, Qt::AscendingOrder));
        else if (it->order == Qt::AscendingOrder)
            it->order = Qt::DescendingOrder;
        else
            keys.erase(it);
    } else if (keys.size() == 1 && it != keys.end()) {
        if (it->order == Qt::AscendingOrder)
            it->order = Qt::DescendingOrder;
        else
            keys.clear();
    } else {
        keys = { keyFor(column, Qt::AscendingOrder) };
    }
    m_arranger->setSortKeys(keys);
    updateHeaderMarks();
}

void ResultGrid::setColumnNullOrder(int column, Core::NullOrder order)
{
    m_nullOrders.insert(column, order);
    if (!m_arranger)
        return;
    QList<Core::SortKey> keys = m_arranger->sortKeys();
    for (auto &key : keys)
        if (key.column == column)
            key.nulls = order;
    m_arranger->setSortKeys(keys);
}

void ResultGrid::setColumnTextOrder(int column, Core::TextOrder order)
{
    m_textOrders.insert(column, order);
    if (!m_arranger)
        return;
    QList<Core::SortKey> keys = m_arranger->sortKeys();
    for (auto &key : keys)
        if (key.column == column)
            key.text = order;
    m_arranger->setSortKeys(keys);
}

ColumnFilterEditor *ResultGrid::editColumnFilter(int column)
{
    if (!m_model || column < 0 || column >= m_model->columnCount())
        return nullptr;
    auto *editor = new ColumnFilterEditor(m_model->columns(), column, this);
    connect(editor, &ColumnFilterEditor::accepted, this, [this](const Core::ColumnCondition &condition) {
        if (m_arranger)
            m_arranger->addCondition(condition);
        updateHeaderMarks();
    });
    const int x = m_header->sectionViewportPosition(column);
    editor->move(m_header->mapToGlobal(QPoint(qMax(0, x), m_header->height())));
    editor->show();
    return editor;
}

void ResultGrid::updateHeaderMarks()
{
    QHash<int, int> ranks;
    QList<int> filtered;
    if (m_arranger) {
        const auto &keys = m_arranger->sortKeys();
        for (qsizetype i = 0; i < keys.size(); ++i)
            ranks.insert(keys[i].column, int(keys[i].order == Qt::AscendingOrder ? i + 1 : -(i + 1)));
        for (const auto &condition : m_arranger->filter().conditions)
            filtered.append(condition.column);
    }
    m_header->setSortMarks(ranks);
    m_header->setFilteredSections(filtered);
}

int ResultGrid::sourceRow(int viewRow) const
{
    return m_model ? m_model->sourceRow(viewRow) : viewRow;
}

void ResultGrid::goToRow(int viewRow)
{
    if (!m_model || viewRow < 0 || viewRow >= m_model->rowCount())
        return;
    const int column = currentIndex().isValid() ? currentIndex().column() : horizontalHeader()->logicalIndex(0);
    const QModelIndex index = m_model->index(viewRow, qMax(0, column));
    setCurrentIndex(index);
    scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void ResultGrid::setFindHighlight(const QString &text, Qt::CaseSensitivity cs)
{
    m_delegate->setHighlight(text, cs);
    viewport()->update();
}

QList<int> ResultGrid::visualColumns() const
{
    QList<int> columns;
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int logical = m_header->logicalIndex(visual);
        if (logical >= 0 && !isColumnHidden(logical))
            columns.append(logical);
    }
    return columns;
}

QList<Core::ColumnSelection> ResultGrid::columnSelection() const
{
    QList<Core::ColumnSelection> out;
    if (!selectionModel())
        return out;
    QHash<int, qsizetype> byColumn;
    for (const auto &range : selectionModel()->selection()) {
        for (int c = range.left(); c <= range.right(); ++c) {
            auto it = byColumn.find(c);
            if (it == byColumn.end()) {
                it = byColumn.insert(c, out.size());
                out.append(Core::ColumnSelection { c, {} });
            }
            out[*it].viewRows.emplace_back(quint32(range.top()), quint32(range.bottom()));
        }
    }
    // Columns in the order they are shown.
    const QList<int> visual = visualColumns();
    std::sort(out.begin(), out.end(),
        [&](const auto &a, const auto &b) { return visual.indexOf(a.column) < visual.indexOf(b.column); });
    return out;
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

QString ResultGrid::selectionText(Core::ResultFormat format) const
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
    for (const int logical : visualColumns())
        if (columnSelected[size_t(logical)])
            columns.append(logical);
    return Core::ResultFormatter::format(format, m_model->extract(rows, columns));
}

void ResultGrid::copySelection(Core::ResultFormat format)
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

ResultExporter *ResultGrid::exportTo(const QString &path, Core::ResultFormat format)
{
    if (!m_model)
        return nullptr;
    auto *exporter = new ResultExporter(m_model, format, path, this);
    auto *progress = new QProgressDialog(
        tr("Exporting %1 rows…").arg(QLocale().toString(m_model->rowCount())), tr("Cancel"), 0, 1000, this);
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
    const QList<Core::ResultFormat> formats { Core::ResultFormat::Csv, Core::ResultFormat::Json,
        Core::ResultFormat::SqlInsert, Core::ResultFormat::Tsv, Core::ResultFormat::Markdown };
    QStringList filters;
    for (auto format : formats)
        filters.append(
            tr("%1 (*.%2)").arg(Core::ResultFormatter::displayName(format), Core::ResultFormatter::fileSuffix(format)));
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(this, tr("Export Result"), QString(), filters.join(u";;"_s), &selected);
    if (path.isEmpty())
        return;
    const auto format = formats.at(qMax<qsizetype>(0, filters.indexOf(selected)));
    if (!path.contains(u'.'))
        path += u'.' + Core::ResultFormatter::fileSuffix(format);
    exportTo(path, format);
}

bool ResultGrid::event(QEvent *event)
{
    // Ctrl+F and Ctrl+G belong to the grid while it has focus (the editor's find has the same shortcut).
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Find)
            || key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_G)) {
            event->accept();
            return true;
        }
    }
    return QTableView::event(event);
}

bool ResultGrid::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_header->viewport()
        && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonRelease))
        m_headerModifiers = static_cast<QMouseEvent *>(event)->modifiers();
    return QTableView::eventFilter(watched, event);
}

void ResultGrid::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Find)) {
        Q_EMIT findRequested();
        event->accept();
        return;
    }
    if (event->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_G)) {
        Q_EMIT goToRowRequested();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Copy)) {
        copySelection(Core::ResultFormat::Tsv);
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
    auto *copy = menu.addAction(tr("Copy"), this, [this] { copySelection(Core::ResultFormat::Tsv); });
    copy->setShortcut(QKeySequence::Copy);
    auto *copyAs = menu.addMenu(tr("Copy As"));
    for (auto format : { Core::ResultFormat::Tsv, Core::ResultFormat::Csv, Core::ResultFormat::Json,
             Core::ResultFormat::Markdown, Core::ResultFormat::SqlInsert })
        copyAs->addAction(Core::ResultFormatter::displayName(format), this, [this, format] { copySelection(format); });
    menu.addSeparator();
    auto *exportAction = menu.addAction(tr("Export Result…"), this, &ResultGrid::exportResult);
    exportAction->setEnabled(m_model && m_model->columnCount() > 0);
    const QModelIndex index = indexAt(event->pos());
    auto *view = menu.addAction(tr("View Value…"), this, [this, index] { showCellViewer(index); });
    view->setEnabled(index.isValid());
    menu.addSeparator();
    auto *find = menu.addAction(tr("Find…"), this, &ResultGrid::findRequested);
    find->setShortcut(QKeySequence::Find);
    menu.addAction(tr("Go to Row…"), this, &ResultGrid::goToRowRequested)->setShortcut(QKeySequence(u"Ctrl+G"_s));
    auto *stats = menu.addAction(tr("Statistics of Selection"), this, &ResultGrid::statisticsRequested);
    const bool empty = !selectionModel() || !selectionModel()->hasSelection();
    copy->setEnabled(!empty);
    copyAs->setEnabled(!empty);
    stats->setEnabled(!empty);
    menu.exec(event->globalPos());
}

} // namespace Ui
