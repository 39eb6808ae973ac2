#pragma once

#include <QDialog>

class QLineEdit;
class QMenuBar;
class QTreeWidget;

namespace Ui {

// Help › Keyboard Shortcuts: every shortcut of the window, read from the actions themselves (menus, and
// sample widgets of each document type), so the list cannot drift from what the keys do. Filterable.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);

    // One section per menu, with the menu's actions (submenus included).
    void addMenus(QMenuBar *menus);
    // One section with the actions of `source` and its children (buttons and toolbars included).
    void addSection(const QString &title, const QWidget *source);

    // "Section / action / keys" per row, for tests.
    QStringList rows() const;
    QTreeWidget *list() const { return m_list; }

private:
    void addActions(const QString &title, const QList<QAction *> &actions);
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_list;
};

} // namespace Ui
