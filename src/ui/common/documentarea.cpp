#include "ui/common/documentarea.h"

#include "ui/common/theme.h"

#include <QEvent>
#include <QMouseEvent>
#include <QStackedLayout>
#include <QTabBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

constexpr int maxVisits = 100;

} // namespace

DocumentArea::DocumentArea(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
{
    m_tabs->setObjectName(u"documentTabs"_s);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->installEventFilter(this);
    auto *stack = new QStackedLayout(this);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) { close(m_tabs->widget(index)); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &DocumentArea::onCurrentChanged);
}

DocumentArea::~DocumentArea()
{
    // The documents die with the tab widget below: nothing of this half-destroyed object may react.
    blockSignals(true);
    disconnect(m_tabs, nullptr, this, nullptr);
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        disconnect(it.key(), nullptr, this, nullptr);
}

QWidget *DocumentArea::open(const QString &key, const std::function<QWidget *()> &create)
{
    if (QWidget *existing = document(key)) {
        focus(existing);
        return existing;
    }
    return add(create(), key);
}

QWidget *DocumentArea::add(QWidget *document, const QString &key, bool focusIt)
{
    if (QWidget *existing = this->document(key); existing && existing != document) {
        document->deleteLater();
        if (focusIt)
            focus(existing);
        return existing;
    }
    m_keys.insert(document, key);
    document->installEventFilter(this);
    connect(document, &QObject::destroyed, this, [this, document] {
        forget(document);
        // The tab goes once the widget is gone for good, after this signal.
        QMetaObject::invokeMethod(this, &DocumentArea::updateEmpty, Qt::QueuedConnection);
    });
    m_tabs->addTab(document, document->windowTitle());
    syncTab(document);
    Q_EMIT documentAdded(document);
    if (focusIt)
        focus(document);
    updateEmpty();
    return document;
}

void DocumentArea::replace(QWidget *document, QWidget *replacement)
{
    const int index = m_tabs->indexOf(document);
    if (index < 0 || replacement == document)
        return;
    const QString key = m_keys.value(document);
    const bool wasCurrent = m_tabs->currentWidget() == document;
    for (QPointer<QWidget> &visit : m_visits) {
        if (visit == document)
            visit = replacement;
    }
    m_keys.remove(document);
    document->removeEventFilter(this);
    disconnect(document, nullptr, this, nullptr);
    m_navigating = true;
    m_tabs->insertTab(index, replacement, replacement->windowTitle());
    m_tabs->removeTab(m_tabs->indexOf(document));
    m_keys.insert(replacement, key);
    replacement->installEventFilter(this);
    connect(replacement, &QObject::destroyed, this, [this, replacement] {
        forget(replacement);
        QMetaObject::invokeMethod(this, &DocumentArea::updateEmpty, Qt::QueuedConnection);
    });
    syncTab(replacement);
    Q_EMIT documentAdded(replacement);
    if (wasCurrent)
        m_tabs->setCurrentWidget(replacement);
    m_navigating = false;
    document->deleteLater();
    Q_EMIT currentChanged(current());
}

bool DocumentArea::rekey(QWidget *document, const QString &key)
{
    if (!m_keys.contains(document))
        return false;
    if (QWidget *holder = this->document(key); holder && holder != document)
        return false;
    m_keys.insert(document, key);
    return true;
}

void DocumentArea::close(QWidget *document)
{
    const int index = m_tabs->indexOf(document);
    if (index < 0)
        return;
    Q_EMIT aboutToClose(document);
    const QString key = m_keys.value(document);
    // Closing the current tab returns to the document visited before it, as browsers do.
    QWidget *previous = nullptr;
    if (m_tabs->currentWidget() == document) {
        for (int i = m_visit - 1; i >= 0 && !previous; --i) {
            if (m_visits.at(i) && m_visits.at(i) != document && m_tabs->indexOf(m_visits.at(i)) >= 0)
                previous = m_visits.at(i);
        }
    }
    forget(document);
    disconnect(document, nullptr, this, nullptr);
    document->removeEventFilter(this);
    m_tabs->removeTab(m_tabs->indexOf(document));
    document->deleteLater();
    if (previous)
        m_tabs->setCurrentWidget(previous);
    updateEmpty();
    Q_EMIT documentClosed(key);
}

void DocumentArea::focus(QWidget *document)
{
    if (m_tabs->indexOf(document) < 0)
        return;
    m_tabs->setCurrentWidget(document);
    document->setFocus();
}

QWidget *DocumentArea::document(const QString &key) const
{
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        if (it.value() == key)
            return it.key();
    }
    return nullptr;
}

QString DocumentArea::keyOf(const QWidget *document) const
{
    return m_keys.value(const_cast<QWidget *>(document));
}

QWidget *DocumentArea::current() const
{
    return m_tabs->currentWidget();
}

QList<QWidget *> DocumentArea::documents() const
{
    QList<QWidget *> result;
    for (int i = 0; i < m_tabs->count(); ++i)
        result.append(m_tabs->widget(i));
    return result;
}

int DocumentArea::count() const
{
    return m_tabs->count();
}

bool DocumentArea::canGoBack() const
{
    for (int i = m_visit - 1; i >= 0; --i) {
        if (m_visits.at(i))
            return true;
    }
    return false;
}

bool DocumentArea::canGoForward() const
{
    for (int i = m_visit + 1; i < m_visits.size(); ++i) {
        if (m_visits.at(i))
            return true;
    }
    return false;
}

void DocumentArea::goBack()
{
    for (int i = m_visit - 1; i >= 0; --i) {
        if (QWidget *w = m_visits.at(i)) {
            m_visit = i;
            m_navigating = true;
            focus(w);
            m_navigating = false;
            Q_EMIT navigationChanged();
            return;
        }
    }
}

void DocumentArea::goForward()
{
    for (int i = m_visit + 1; i < m_visits.size(); ++i) {
        if (QWidget *w = m_visits.at(i)) {
            m_visit = i;
            m_navigating = true;
            focus(w);
            m_navigating = false;
            Q_EMIT navigationChanged();
            return;
        }
    }
}

void DocumentArea::setEmptyWidget(QWidget *widget)
{
    auto *stack = static_cast<QStackedLayout *>(layout());
    if (m_empty) {
        stack->removeWidget(m_empty);
        m_empty->deleteLater();
    }
    m_empty = widget;
    if (widget)
        stack->addWidget(widget);
    updateEmpty();
}

bool DocumentArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tabs->tabBar()) {
        // Middle click closes a tab, as in browsers and editors.
        if (event->type() == QEvent::MouseButtonRelease) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->button() == Qt::MiddleButton) {
                const int index = m_tabs->tabBar()->tabAt(mouse->position().toPoint());
                if (index >= 0) {
                    close(m_tabs->widget(index));
                    return true;
                }
            }
        }
        return QWidget::eventFilter(watched, event);
    }
    auto *document = qobject_cast<QWidget *>(watched);
    if (document && m_keys.contains(document)) {
        switch (event->type()) {
        case QEvent::WindowTitleChange:
        case QEvent::WindowIconChange:
        case QEvent::ToolTipChange:
        case QEvent::DynamicPropertyChange:
            syncTab(document);
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DocumentArea::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        for (QWidget *document : documents())
            syncTab(document);
    }
    QWidget::changeEvent(event);
}

void DocumentArea::syncTab(QWidget *document)
{
    const int index = m_tabs->indexOf(document);
    if (index < 0)
        return;
    m_tabs->setTabText(index, document->windowTitle());
    m_tabs->setTabIcon(index, document->windowIcon());
    m_tabs->setTabToolTip(index, document->toolTip().isEmpty() ? document->windowTitle() : document->toolTip());
    const bool production = document->property("production").toBool();
    m_tabs->tabBar()->setTabTextColor(index, production ? Theme::tone(Tone::Danger, palette()) : QColor());
}

void DocumentArea::onCurrentChanged(int index)
{
    QWidget *document = index >= 0 ? m_tabs->widget(index) : nullptr;
    if (document && !m_navigating) {
        if (m_visit >= 0 && m_visit < m_visits.size() && m_visits.at(m_visit) == document) {
            // already the current visit
        } else {
            m_visits.erase(m_visits.begin() + (m_visit + 1), m_visits.end());
            m_visits.append(document);
            if (m_visits.size() > maxVisits)
                m_visits.removeFirst();
            m_visit = int(m_visits.size()) - 1;
        }
    }
    Q_EMIT currentChanged(document);
    Q_EMIT navigationChanged();
}

void DocumentArea::forget(QWidget *document)
{
    m_keys.remove(document);
    for (int i = int(m_visits.size()) - 1; i >= 0; --i) {
        if (m_visits.at(i) == document || !m_visits.at(i)) {
            m_visits.removeAt(i);
            if (i <= m_visit)
                --m_visit;
        }
    }
    m_visit = std::clamp(m_visit, -1, int(m_visits.size()) - 1);
    // Drop consecutive duplicates left by the removal (A, B, A with B closed → A).
    for (int i = int(m_visits.size()) - 1; i > 0; --i) {
        if (m_visits.at(i) == m_visits.at(i - 1)) {
            m_visits.removeAt(i);
            if (i <= m_visit)
                --m_visit;
        }
    }
    Q_EMIT navigationChanged();
}

void DocumentArea::updateEmpty()
{
    auto *stack = static_cast<QStackedLayout *>(layout());
    stack->setCurrentWidget(m_tabs->count() == 0 && m_empty ? m_empty.data() : static_cast<QWidget *>(m_tabs));
}

} // namespace Ui
