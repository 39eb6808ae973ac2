#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace Ui {

// What a "confirm, then act" box says: its accept button names the destructive action ("Delete", "Revoke"),
// so the default (Cancel) is never the one that destroys.
struct Confirmation
{
    QString objectName; // tests find the open box by it
    QString title;
    QString question;
    QString action;
};

// Asks with a warning box (window-modal, opened without a nested event loop) and runs `act` only when the
// action's button is pressed. The box deletes itself when closed; returned so callers and tests can reach it.
QMessageBox *confirmThenAct(QWidget *parent, const Confirmation &confirmation, std::function<void()> act);

} // namespace Ui
