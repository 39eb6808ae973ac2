#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace Store {
class History;
}

namespace Ui {

class HistoryModel;

// Searchable list of executed statements, filtered by kind (reads, writes, schema changes, destructive
// statements) as the SQL classifier sees them. Activating an entry (double-click / Enter) asks for it to be
// opened in an editor tab.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    enum class KindFilter { All, Reads, Writes, SchemaChanges, Destructive, Other };

    explicit HistoryPanel(Store::History *history, QWidget *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const;
    void setKindFilter(KindFilter filter);
    KindFilter kindFilter() const;
    HistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void entryActivated(const QString &text, const QString &target);
    void errorOccurred(const QString &message);

private:
    Store::History *m_history;
    HistoryModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_kind;
    QTableView *m_view;
    QTimer *m_searchDelay;
};

} // namespace Ui
