#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

namespace Ui {

// Version and library information; the component list is assembled by the app, which links every layer.
class AboutDialog final : public QDialog
{
    Q_OBJECT
public:
    using Components = QList<QPair<QString, QString>>;
    explicit AboutDialog(const Components &components, QWidget *parent = nullptr);
};

} // namespace Ui
