#pragma once

#include "ui/common/theme.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStyledItemDelegate>

#include "ui/common/theme.h"

namespace Ui {

// A small coloured label next to an item: production, safe migrations, not ready, a deployment state.
struct Badge
{
    using Tone = Ui::Tone; // coloured from the palette in use (Theme::tone)
    QString text;
    Tone tone = Tone::Neutral;

    bool operator==(const Badge &other) const { return text == other.text && tone == other.tone; }
};
using BadgeList = QList<Badge>;

// Paints the item's text, then the badges of BadgesRole as rounded pills after it.
class StateBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int BadgesRole = Qt::UserRole + 100;

    explicit StateBadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Only the badges, not the text (a state column whose text is the badge).
    void setBadgesOnly(bool on) { m_badgesOnly = on; }

    static QColor toneColor(Badge::Tone tone); // Theme::tone with the application palette
    // The badge of a deployment state (deploy-request lists and headers).
    static Badge deploymentBadge(const QString &stateName);
    // The width a row's text gets beside badges `badgesWidth` wide, in `rowWidth`: the text comes first and
    // keeps its own width up to half the row (a narrow dock shows "main", not just "production"); the badges
    // get the rest, eliding or dropping what does not fit.
    static int textWidthBesideBadges(int rowWidth, int textWidth, int badgesWidth);

private:
    bool m_badgesOnly = false;
};

} // namespace Ui

Q_DECLARE_METATYPE(Ui::Badge)
Q_DECLARE_METATYPE(Ui::BadgeList)
