#pragma once

#include "core/deployrequest.h"
#include "ui/deployrequests/deployactions.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Ui {

class BadgeLabel;

// The top of a deploy-request document: "#7 feature → main", the state badge, who opened it and when, its
// approval, and the buttons of the actions valid now (the detail decides which; the primary one stands out).
class DeployRequestHeader : public QWidget
{
    Q_OBJECT
public:
    explicit DeployRequestHeader(QWidget *parent = nullptr);

    void setDeployRequest(const Core::DeployRequest &request, bool approvalRequired);
    void clear(const QString &text);
    QPushButton *actionButton(DeployAction action) const { return m_buttons.value(action); }
    const QMap<DeployAction, QPushButton *> &buttons() const { return m_buttons; }
    QString titleText() const;
    QString stateText() const;
    QString metaText() const;
    BadgeLabel *stateBadge() const { return m_state; }

Q_SIGNALS:
    void actionClicked(DeployAction action);

private:
    QLabel *m_number;
    QLabel *m_title;
    BadgeLabel *m_state;
    QLabel *m_meta;
    QMap<DeployAction, QPushButton *> m_buttons;
};

} // namespace Ui
