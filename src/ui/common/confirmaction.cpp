#include "ui/common/confirmaction.h"

#include <QMessageBox>

namespace Ui {

QMessageBox *confirmThenAct(QWidget *parent, const Confirmation &confirmation, std::function<void()> act)
{
    auto *box
        = new QMessageBox(QMessageBox::Warning, confirmation.title, confirmation.question, QMessageBox::Cancel, parent);
    box->addButton(confirmation.action, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setObjectName(confirmation.objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QDialog::accepted, parent, std::move(act));
    box->open();
    return box;
}

} // namespace Ui
