#pragma once

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;

namespace Ui {

// One thing quick open can go to.
struct QuickOpenItem
{
    enum class Kind { Organization, Database, Branch, DeployRequest, Table };
    Kind kind = Kind::Branch;
    QString text; // what is matched and shown: "add-order-status", "#1 add-order-status → main", "orders"
    QString detail; // where it is: "local / demo"
    QString key; // what to open: a document key, or "database:org/db"
    bool production = false;
};

// Ctrl+K: a search box over organizations, databases, branches, deploy requests and tables with fuzzy
// matching (Core::FuzzyMatch; matched characters in bold), ranked, keyboard only (↑/↓, Enter, Esc).
// Items may arrive while it is open (setItems again); the query stays, and so does a row the user chose
// (otherwise the best match is selected).
class QuickOpenDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int PositionsRole = Qt::UserRole + 1; // QList<int> of matched characters
    static constexpr int DetailRole = Qt::UserRole + 2;
    static constexpr int IndexRole = Qt::UserRole + 3; // index into items()

    explicit QuickOpenDialog(QWidget *parent = nullptr);

    void setItems(const QList<QuickOpenItem> &items);
    const QList<QuickOpenItem> &items() const { return m_items; }
    void setQuery(const QString &query);
    QString query() const;
    // The ranked matches now shown, best first.
    QList<QuickOpenItem> results() const;
    void activateCurrent();
    // Placed over the top of `window`, centred, and focused.
    void popup(QWidget *window);
    void setStatus(const QString &text);

    static QString kindText(QuickOpenItem::Kind kind);
    static QString iconName(QuickOpenItem::Kind kind);

Q_SIGNALS:
    void itemActivated(const Ui::QuickOpenItem &item);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();

    QList<QuickOpenItem> m_items;
    QLineEdit *m_query;
    QListView *m_list;
    QStandardItemModel *m_model;
    QLabel *m_status;
    QString m_customStatus;
    QString m_rankedQuery; // the query the list was ranked for
    bool m_userChoseRow = false; // moved off the best match under m_rankedQuery
};

} // namespace Ui

Q_DECLARE_METATYPE(Ui::QuickOpenItem)
