#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>

class QTabWidget;

namespace Ui {

// The centre of the main window: documents as tabs — SQL editors, deploy requests, branch schemas, branch
// comparisons, and whatever comes next — each under a key, so opening something that is already open
// focuses its tab instead of adding another, and Back/Forward walk the documents visited.
//
// Adding a document type:
//   1. Write a QWidget in the room it belongs to (src/ui/<room>/). It shows its title, icon and tooltip by
//      setting its own windowTitle, windowIcon and toolTip; the tab follows them. A document on a production
//      target sets the dynamic property "production" to true and its tab title is drawn in the danger tone.
//   2. Pick a key scheme: "<kind>:<identity>", e.g. "deploy-request:org/db/7", "schema:org/db/branch". One key
//      is one tab.
//   3. Open it with area->open(key, [] { return new MyDocument(...); }) from wherever the user asks for it
//      (a navigator's activation, quick open). To have it come back after a restart, register the kind in
//      App::DocumentOpener::open() (src/app/documentopener.cpp): one case from key to widget.
// Closing a tab emits aboutToClose(widget) first (SQL tabs cancel and save there), then deletes it.
class DocumentArea : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentArea(QWidget *parent = nullptr);
    ~DocumentArea() override;

    // The document with this key, focused; made by `create` and added when it is not open yet.
    QWidget *open(const QString &key, const std::function<QWidget *()> &create);
    // Adds a new document under `key` (focused). An open document with the same key is focused instead and
    // `document` is deleted; the one in the area is returned.
    QWidget *add(QWidget *document, const QString &key, bool focus = true);
    // Puts `replacement` where `document` is, under the same key, and deletes `document`.
    void replace(QWidget *document, QWidget *replacement);
    // The document now stands for another key (a comparison whose sides changed). False when another
    // document holds that key already.
    bool rekey(QWidget *document, const QString &key);
    void close(QWidget *document);
    void focus(QWidget *document);

    QWidget *document(const QString &key) const;
    QString keyOf(const QWidget *document) const;
    QWidget *current() const;
    QList<QWidget *> documents() const; // in tab order
    int count() const;
    template<typename T> QList<T *> documentsOf() const
    {
        QList<T *> result;
        for (QWidget *w : documents()) {
            if (auto *t = qobject_cast<T *>(w))
                result.append(t);
        }
        return result;
    }

    bool canGoBack() const;
    bool canGoForward() const;
    void goBack();
    void goForward();

    QTabWidget *tabWidget() const { return m_tabs; }
    // Shown when no document is open (the welcome page, or a hint).
    void setEmptyWidget(QWidget *widget);

Q_SIGNALS:
    void currentChanged(QWidget *document);
    void documentAdded(QWidget *document);
    void aboutToClose(QWidget *document);
    void documentClosed(const QString &key);
    void navigationChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void syncTab(QWidget *document);
    void onCurrentChanged(int index);
    void forget(QWidget *document);
    void updateEmpty();

    QTabWidget *m_tabs;
    QPointer<QWidget> m_empty;
    QHash<QWidget *, QString> m_keys;
    QList<QPointer<QWidget>> m_visits; // documents in the order they were focused
    int m_visit = -1;
    bool m_navigating = false;
};

} // namespace Ui
