#pragma once

#include <QHash>
#include <QHeaderView>

namespace Ui {

// The grid's column header: shows each sort key's direction and rank (▲1 ▼2 …) and a mark on filtered
// columns, since QHeaderView's own indicator knows a single column only.
class ResultHeaderView : public QHeaderView
{
    Q_OBJECT
public:
    explicit ResultHeaderView(QWidget *parent = nullptr);

    // Marks by logical section: 0 none; >0 ascending rank; <0 descending rank.
    void setSortMarks(const QHash<int, int> &ranks);
    void setFilteredSections(const QList<int> &sections);
    QString markText(int logicalIndex) const;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;

private:
    QHash<int, int> m_ranks;
    QList<int> m_filtered;
};

} // namespace Ui
