#include "ui/common/welcomepage.h"

#include "ui/common/icons.h"
#include "ui/common/theme.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"welcomePage"_s);
    auto *title = new QLabel(tr("Welcome to Branchdeck"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    auto *intro = new QLabel(tr("Explore branches, review and deploy schema changes, and query branching MySQL. "
                                "Choose where to start:"),
        this);
    intro->setWordWrap(true);
    Theme::setTone(intro, Tone::Neutral);

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(12);
    addWay(Way::Sandbox, u"server-database"_s, tr("Local sandbox"),
        tr("A PlanetScale-compatible API over a private MariaDB on this machine, with a demo database. "
           "Start it with <nobr><code>./branchdeck.sh run</code></nobr>, or pick its <code>sandbox.json</code>."));
    addWay(Way::ServiceToken, u"security-high"_s, tr("PlanetScale service token"),
        tr("An organization's service token id and secret; the secret stays in the system keychain."));
    addWay(Way::PscaleLogin, u"user-identity"_s, tr("pscale login"),
        tr("Reuse the session of <code>pscale auth login</code> from the PlanetScale command-line tool."));
    addWay(Way::DirectConnection, u"network-connect"_s, tr("Direct connection"),
        tr("An SQL editor on any MySQL or MariaDB server, over TLS verified by default."));

    auto *hint = new QLabel(tr("Ctrl+K opens anything by name · Ctrl+T a new SQL tab · "
                               "Help › Keyboard Shortcuts lists them all"),
        this);
    Theme::setTone(hint, Tone::Neutral);

    auto *column = new QWidget(this);
    column->setMaximumWidth(760);
    auto *inner = new QVBoxLayout(column);
    inner->addWidget(title);
    inner->addWidget(intro);
    inner->addSpacing(12);
    inner->addLayout(m_grid);
    inner->addSpacing(12);
    inner->addWidget(hint);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);
}

QPushButton *WelcomePage::addWay(Way way, const QString &icon, const QString &title, const QString &detail)
{
    // A large button per way in: the title on the button, what it means beside it.
    auto *button = new QPushButton(Icons::get(icon), title, this);
    button->setObjectName(u"welcome%1"_s.arg(int(way)));
    button->setIconSize(QSize(32, 32));
    button->setMinimumHeight(52);
    button->setMinimumWidth(240);
    button->setStyleSheet(u"text-align: left; padding: 6px 12px"_s);
    auto *text = new QLabel(detail, this);
    text->setTextFormat(Qt::RichText); // commands in <code>, kept on one line with <nobr>
    text->setWordWrap(true);
    Theme::setTone(text, Tone::Neutral);
    const int row = int(m_buttons.size());
    m_grid->addWidget(button, row, 0);
    m_grid->addWidget(text, row, 1);
    m_grid->setColumnStretch(1, 1);
    m_buttons.append(button);
    connect(button, &QPushButton::clicked, this, [this, way] {
        switch (way) {
        case Way::Sandbox:
            return Q_EMIT signInRequested(SignInSession::Kind::Sandbox);
        case Way::ServiceToken:
            return Q_EMIT signInRequested(SignInSession::Kind::ServiceToken);
        case Way::PscaleLogin:
            return Q_EMIT signInRequested(SignInSession::Kind::PscaleLogin);
        case Way::DirectConnection:
            return Q_EMIT directConnectionRequested();
        }
    });
    return button;
}

QPushButton *WelcomePage::button(Way way) const
{
    return m_buttons.value(int(way));
}

} // namespace Ui
