#include "ui/results/resultarranger.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

// What a job hands back: the view order and the work it reused or did.
struct ResultArranger::Outcome
{
    quint64 generation = 0;
    Core::Error error;
    bool failed = false;
    QList<Core::SortKey> keys;
    Core::FilterSpec filter;
    qsizetype rows = 0;
    ResultSetModel::Order sorted;
    ResultSetModel::Order matches;
    ResultSetModel::Order view;
};

namespace {

using Order = ResultSetModel::Order;

// The sorted rows that passed the filter, in sorted order.
Order compose(const Order &sorted, const Order &matches, qsizetype rows)
{
    if (!sorted)
        return matches;
    if (!matches)
        return sorted;
    std::vector<quint8> keep(size_t(rows), 0);
    for (const quint32 row : *matches)
        keep[row] = 1;
    auto view = std::make_shared<std::vector<quint32>>();
    view->reserve(matches->size());
    for (const quint32 row : *sorted)
        if (keep[row])
            view->push_back(row);
    return view;
}

} // namespace

ResultArranger::ResultArranger(ResultSetModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_jobs(this)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(400);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (!m_busy) // a running job re-arms the refresh when it is applied
            start();
    });
    connect(model, &ResultSetModel::rowsFlushed, this, &ResultArranger::onRowsFlushed);
    connect(model, &ResultSetModel::resultStarted, this, [this] {
        m_cancel.cancel();
        ++m_generation;
        m_keys.clear();
        m_filter = {};
        m_shownKeys.clear();
        m_shownFilter = {};
        m_shownFrom = 0;
        m_sorted.reset();
        m_matches.reset();
        m_error.clear();
        if (m_busy) {
            m_busy = false;
            Q_EMIT busyChanged(false, {});
        }
    });
}

ResultArranger::~ResultArranger()
{
    m_cancel.cancel();
}

void ResultArranger::setSortKeys(const QList<Core::SortKey> &keys)
{
    if (keys == m_keys && !m_busy && m_error.isEmpty())
        return;
    m_keys = keys;
    Q_EMIT changed();
    start();
}

void ResultArranger::setFilter(const Core::FilterSpec &filter)
{
    if (filter == m_filter && m_error.isEmpty())
        return;
    m_filter = filter;
    Q_EMIT changed();
    start();
}

void ResultArranger::setFilterText(const QString &text)
{
    Core::FilterSpec filter = m_filter;
    filter.text = text;
    setFilter(filter);
}

void ResultArranger::addCondition(const Core::ColumnCondition &condition)
{
    Core::FilterSpec filter = m_filter;
    filter.conditions.removeIf(
        [&](const Core::ColumnCondition &c) { return c.column == condition.column && c.op == condition.op; });
    filter.conditions.append(condition);
    setFilter(filter);
}

void ResultArranger::removeConditions(int column)
{
    Core::FilterSpec filter = m_filter;
    filter.conditions.removeIf([column](const Core::ColumnCondition &c) { return c.column == column; });
    setFilter(filter);
}

qsizetype ResultArranger::shownRows() const
{
    return m_model ? m_model->rowCount() : 0;
}

qsizetype ResultArranger::totalRows() const
{
    return m_model ? m_model->receivedRows() : 0;
}

void ResultArranger::onRowsFlushed()
{
    if (isActive() && !m_refresh.isActive())
        m_refresh.start();
}

QString ResultArranger::describe() const
{
    const QString rows = QLocale().toString(m_model->receivedRows());
    if (m_keys.isEmpty())
        return tr("Filtering %1 rows…").arg(rows);
    QStringList names;
    for (const auto &key : m_keys)
        names.append(m_model->columns().value(key.column).name);
    return tr("Sorting %1 rows by %2…").arg(rows, names.join(u", "_s));
}

void ResultArranger::start()
{
    if (!m_model)
        return;
    m_cancel.cancel();
    m_cancel = Core::CancelFlag();
    const quint64 generation = ++m_generation;
    m_refresh.stop();
    m_clock.start();
    if (auto valid = Core::ResultFilter::validate(m_filter, m_model->columns()); !valid.ok()) {
        Outcome failed;
        failed.generation = generation;
        failed.failed = true;
        failed.error = valid.error();
        apply(std::move(failed));
        return;
    }
    if (!isActive() && !m_model->order()) {
        m_shownKeys.clear();
        m_shownFilter = {};
        m_error.clear();
        if (std::exchange(m_busy, false))
            Q_EMIT busyChanged(false, {});
        Q_EMIT arranged();
        return;
    }
    if (!isActive()) { // back to the arrival order: nothing to compute
        Outcome plain;
        plain.generation = generation;
        plain.rows = m_model->receivedRows();
        apply(std::move(plain));
        return;
    }
    m_busy = true;
    Q_EMIT busyChanged(true, describe());

    const Core::ResultChunks rows = m_model->rows();
    const Core::CancelFlag cancel = m_cancel;
    const QList<Core::SortKey> keys = m_keys;
    const Core::FilterSpec filter = m_filter;
    const QList<Core::SortKey> shownKeys = m_shownKeys;
    const Core::FilterSpec shownFilter = m_shownFilter;
    const qsizetype shownFrom = m_shownFrom;
    const Order cachedSort = m_sorted;
    const Order cachedMatches = m_matches;
    m_jobs.run(
        [=]() -> Outcome {
            Outcome out;
            out.generation = generation;
            out.keys = keys;
            out.filter = filter;
            out.rows = rows.rowCount();
            const bool sameRows = shownFrom == out.rows;
            if (!keys.isEmpty()) {
                if (cachedSort && sameRows && shownKeys == keys) {
                    out.sorted = cachedSort;
                } else {
                    auto sorted = Core::ResultSorter::sort(rows, keys, cancel);
                    if (!sorted.ok()) {
                        out.failed = true;
                        out.error = sorted.error();
                        return out;
                    }
                    out.sorted = std::make_shared<const std::vector<quint32>>(std::move(sorted).value());
                }
            }
            if (!filter.isEmpty()) {
                if (cachedMatches && sameRows && shownFilter == filter) {
                    out.matches = cachedMatches;
                } else {
                    const bool narrower = cachedMatches && !shownFilter.isEmpty() && filter.refines(shownFilter);
                    auto matches = Core::ResultFilter::filter(
                        rows, filter, cancel, narrower ? cachedMatches.get() : nullptr, narrower ? shownFrom : 0);
                    if (!matches.ok()) {
                        out.failed = true;
                        out.error = matches.error();
                        return out;
                    }
                    out.matches = std::make_shared<const std::vector<quint32>>(std::move(matches).value());
                }
            }
            out.view = compose(out.sorted, out.matches, out.rows);
            return out;
        },
        [this](Outcome outcome) { apply(std::move(outcome)); });
}

void ResultArranger::apply(Outcome outcome)
{
    if (outcome.generation != m_generation || !m_model)
        return; // superseded
    m_busy = false;
    if (outcome.failed) {
        m_error = outcome.error.toString();
        Q_EMIT busyChanged(false, {});
        if (outcome.error.code != u"cancelled"_s)
            Q_EMIT failed(m_error);
        return;
    }
    m_error.clear();
    using Change = ResultSetModel::OrderChange;
    const bool sameFilter = outcome.filter == m_shownFilter;
    const bool moreRows = outcome.rows > m_shownFrom;
    Change change = Change::Reset;
    if (sameFilter)
        change = moreRows ? Change::Grow : Change::Reorder;
    else if (m_shownFilter.refines(outcome.filter)) // the filter was widened (or removed): rows only come in
        change = Change::Grow;
    if (change != Change::Grow)
        Q_EMIT aboutToRearrange();
    m_model->setOrder(outcome.view, change);
    m_shownKeys = outcome.keys;
    m_shownFilter = outcome.filter;
    m_shownFrom = outcome.rows;
    m_sorted = outcome.sorted;
    m_matches = outcome.matches;
    m_lastDurationMs = m_clock.elapsed();
    if (isActive() && m_model->receivedRows() > outcome.rows)
        m_refresh.start(); // rows came in while this was computed
    Q_EMIT busyChanged(false, {});
    Q_EMIT arranged();
}

} // namespace Ui
