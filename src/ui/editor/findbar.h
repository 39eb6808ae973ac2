#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QLabel;

namespace Ui {

class SqlEditor;

// Find / replace strip for a SqlEditor (Ctrl+F shows it, Esc hides it).
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(SqlEditor *editor, QWidget *parent = nullptr);

    void activate(); // shows the bar with the editor's selection as the search text
    void findNext();
    void findPrevious();
    void replaceNext();
    int replaceAll();

    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void report(bool found);

    SqlEditor *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_caseSensitive;
    QCheckBox *m_wholeWord;
    QCheckBox *m_regex;
    QLabel *m_result;
};

} // namespace Ui
