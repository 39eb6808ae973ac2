#include "ui/common/aboutdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

AboutDialog::AboutDialog(const Components &components, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Branchdeck"));
    setObjectName(u"aboutDialog"_s);

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/icons/branchdeck.svg"_s).pixmap(64, 64));

    auto *title = new QLabel(tr("<h2>Branchdeck %1</h2><p>A desktop console for branching MySQL: PlanetScale "
                                "and a local sandbox over any MariaDB/MySQL server.</p>"
                                "<p>Licensed under the GNU GPL, version 3 or later.</p>")
                                 .arg(QStringLiteral(BRANCHDECK_VERSION)),
        this);
    title->setWordWrap(true);
    title->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto *versions = new QFormLayout;
    for (const auto &[name, version] : components) {
        auto *value = new QLabel(version, this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        versions->addRow(name + u':', value);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    header->addWidget(title, 1);
    layout->addLayout(header);
    layout->addLayout(versions);
    layout->addWidget(buttons);
}

} // namespace Ui
