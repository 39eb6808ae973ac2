#pragma once

#include <QString>

class QLabel;
class QToolButton;
class QWidget;

namespace Ui {

// The head line of a list document (deploy queue, recommendations): a bold, wrapping summary and a refresh
// button at its end. Object names let tests find them.
QLabel *makeDocumentSummary(QWidget *parent, const QString &objectName);
QToolButton *makeRefreshButton(QWidget *parent, const QString &objectName);

} // namespace Ui
