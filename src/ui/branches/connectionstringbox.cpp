#include "ui/branches/connectionstringbox.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {
const QString kindSetting = u"passwords/connectionStringKind"_s;
}

ConnectionStringBox::ConnectionStringBox(QWidget *parent)
    : QWidget(parent)
    , m_kinds(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_note(new QLabel(this))
{
    m_kinds->setObjectName(u"connectionStringKind"_s);
    m_text->setObjectName(u"connectionString"_s);
    m_copy->setObjectName(u"copyConnectionString"_s);
    for (const Core::ConnectionStrings::Kind kind : Core::ConnectionStrings::kinds())
        m_kinds->addItem(Core::ConnectionStrings::label(kind), int(kind));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_note->setWordWrap(true);
    m_note->setVisible(false);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Connect with:"), this));
    row->addWidget(m_kinds, 1);
    row->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_note);

    const int saved = m_kinds->findData(QSettings().value(kindSetting, 0).toInt());
    m_kinds->setCurrentIndex(saved < 0 ? 0 : saved);
    connect(m_kinds, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kindSetting, m_kinds->currentData().toInt());
        refresh();
    });
    connect(m_copy, &QPushButton::clicked, this, &ConnectionStringBox::copy);
}

void ConnectionStringBox::setTarget(const Core::ConnectionTarget &target)
{
    m_target = target;
    refresh();
}

void ConnectionStringBox::setKind(Core::ConnectionStrings::Kind kind)
{
    m_kinds->setCurrentIndex(m_kinds->findData(int(kind)));
}

Core::ConnectionStrings::Kind ConnectionStringBox::kind() const
{
    return Core::ConnectionStrings::Kind(m_kinds->currentData().toInt());
}

QString ConnectionStringBox::text() const
{
    return m_text->toPlainText();
}

void ConnectionStringBox::copy()
{
    QApplication::clipboard()->setText(text());
    Q_EMIT copied(m_kinds->currentText());
}

void ConnectionStringBox::refresh()
{
    m_text->setPlainText(Core::ConnectionStrings::text(kind(), m_target));
    m_note->setVisible(m_target.password.isEmpty());
    m_note->setText(tr("The password is shown only when it is created: replace %1 with it.")
                        .arg(Core::ConnectionStrings::passwordPlaceholder()));
}

} // namespace Ui
