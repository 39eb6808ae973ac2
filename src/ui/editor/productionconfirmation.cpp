#include "ui/editor/productionconfirmation.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Ui {

bool ProductionConfirmation::ask(
    QWidget *parent, const QString &statement, const QString &reason, const QString &target)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Ui::ProductionConfirmation", text); };
    QString shown = statement.simplified();
    if (shown.size() > 300)
        shown = shown.left(300) + u"\u2026"_s;
    QMessageBox box(QMessageBox::Warning, tr("Destructive statement on production"),
        tr("%1 on the production target %2:").arg(reason, target), QMessageBox::Cancel, parent);
    box.setInformativeText(shown);
    const QString verb = statement.simplified().section(u' ', 0, 0).toUpper().left(12);
    auto *run = box.addButton(tr("Run %1").arg(verb), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == run;
}

} // namespace Ui
