#pragma once

#include "store/tabautosave.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace Ui {

class BadgeLabel;
class SqlEditor;

// A SQL tab that is not connected: restored and waiting for its target (a branch password being minted,
// a saved connection reconnecting), or whose target could not be reached (the branch no longer exists, not
// signed in, no password). It keeps the tab's text — still editable and autosaved under the same id — with a
// banner that says why nothing runs, and never points anywhere else (no default host). Once the target is
// reachable, the window puts a connected QueryTab with this text in its place.
class DisconnectedTab : public QWidget
{
    Q_OBJECT
public:
    DisconnectedTab(const Store::TabState &state, Store::TabAutosave *autosave, QWidget *parent = nullptr);

    // "Reconnecting…" while a retry runs.
    void showConnecting(const QString &message);
    // Why the tab stays disconnected; `canRetry` shows the Retry button (labelled `retryText` when given).
    void showProblem(const QString &message, bool canRetry = true, const QString &retryText = {});

    Store::TabState state() const; // the saved state with the current text and cursor
    QString id() const { return m_state.id; }
    QString target() const { return m_state.target; }
    QString bannerText() const;
    bool isConnecting() const { return m_connecting; }
    SqlEditor *editor() const { return m_editor; }
    QPushButton *retryButton() const { return m_retry; }
    // Saves the text now (edits are saved a few seconds after typing; closing the tab forgets it).
    void saveNow();
    void stopSaving();

Q_SIGNALS:
    void retryRequested();

private:
    Store::TabState m_state;
    Store::TabAutosave *m_autosave;
    bool m_connecting = false;
    BadgeLabel *m_badge;
    QLabel *m_message;
    QPushButton *m_retry;
    SqlEditor *m_editor;
    QTimer *m_saveTimer;
};

} // namespace Ui
