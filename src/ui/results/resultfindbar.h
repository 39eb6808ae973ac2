#pragma once

#include "core/backgroundjobs.h"
#include "core/resultfinder.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Ui {

class ResultGrid;

// Find in a result grid (Ctrl+F): every cell containing the text is found on a worker thread, in the
// order the grid shows them; Enter / Shift+Enter (or the arrows) go to the next / previous match, which
// becomes the current cell; matches are highlighted; "3 of 120" tells where one is. A second field goes
// to a row number (Ctrl+G). Esc closes.
class ResultFindBar : public QWidget
{
    Q_OBJECT
public:
    explicit ResultFindBar(ResultGrid *grid, QWidget *parent = nullptr);

    void activate(); // shows the bar, focused on the find field
    void activateGoToRow();
    void findNext();
    void findPrevious();
    bool goToRow(const QString &text); // 1-based row number; false when out of range

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *rowEdit() const { return m_row; }
    QCheckBox *caseSensitiveBox() const { return m_caseSensitive; }
    bool isSearching() const { return m_searching; }
    qsizetype matchCount() const { return qsizetype(m_matches.size()); }
    int currentMatch() const { return m_current; } // -1 before the first move
    QString statusText() const;

Q_SIGNALS:
    void searched(); // matches are known for the current text

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    void move(int step);
    void closeBar();
    void updateStatus();

    ResultGrid *m_grid;
    QLineEdit *m_find;
    QToolButton *m_previous;
    QToolButton *m_next;
    QCheckBox *m_caseSensitive;
    QLabel *m_status;
    QLineEdit *m_row;
    QTimer m_debounce;
    std::vector<Core::CellRef> m_matches;
    int m_current = -1;
    bool m_searching = false;
    quint64 m_generation = 0;
    Core::CancelFlag m_cancel;
    Core::BackgroundJobs m_jobs;
};

} // namespace Ui
