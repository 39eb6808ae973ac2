#pragma once

#include "ui/common/signindialog.h"

#include <QWidget>

class QGridLayout;
class QPushButton;

namespace Ui {

// The centre of the window while nothing is signed in: what Branchdeck is for and the four ways in — the
// local sandbox, a PlanetScale service token, the token `pscale auth login` stored, or a direct connection
// to any MySQL/MariaDB server — each one click away, so a new user never faces an empty window.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    enum class Way { Sandbox, ServiceToken, PscaleLogin, DirectConnection };
    QPushButton *button(Way way) const;

Q_SIGNALS:
    void signInRequested(Ui::SignInSession::Kind kind);
    void directConnectionRequested();

private:
    QPushButton *addWay(Way way, const QString &icon, const QString &title, const QString &detail);

    QList<QPushButton *> m_buttons;
    QGridLayout *m_grid = nullptr;
};

} // namespace Ui
