#include "ui/common/documentheader.h"

#include "ui/common/icons.h"

#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Ui {

QLabel *makeDocumentSummary(QWidget *parent, const QString &objectName)
{
    auto *summary = new QLabel(parent);
    summary->setObjectName(objectName);
    summary->setWordWrap(true);
    QFont bold = summary->font();
    bold.setBold(true);
    summary->setFont(bold);
    return summary;
}

QToolButton *makeRefreshButton(QWidget *parent, const QString &objectName)
{
    auto *refresh = new QToolButton(parent);
    refresh->setObjectName(objectName);
    refresh->setIcon(Icons::get(u"view-refresh"_s));
    refresh->setToolTip(QToolButton::tr("Refresh"));
    return refresh;
}

} // namespace Ui
