#pragma once

#include <QString>

class QWidget;

namespace Ui {

// The question asked before a destructive statement runs on a production target. It names the statement
// and the target, and the safe choice (Cancel) is the default button.
class ProductionConfirmation
{
public:
    static bool ask(QWidget *parent, const QString &statement, const QString &reason, const QString &target);
};

} // namespace Ui
