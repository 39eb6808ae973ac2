#pragma once

#include "ui/common/aboutdialog.h"

namespace App {

// Versions of Branchdeck and the libraries it runs on, for the About dialog and --version.
Ui::AboutDialog::Components componentVersions();

} // namespace App
