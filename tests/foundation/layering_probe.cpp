// Uses a ui-layer class. Linked against core only it must not link; linked against ui it must.
#include <QApplication>

#include "ui/common/aboutdialog.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Ui::AboutDialog dialog({});
    return dialog.isModal() ? 1 : 0;
}
