#include "ui/common/statebadgedelegate.h"

#include "core/deploymentstate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ui {

namespace {

constexpr int badgePadding = 5;
constexpr int badgeGap = 4;

BadgeList badgesOf(const QModelIndex &index)
{
    return index.data(StateBadgeDelegate::BadgesRole).value<BadgeList>();
}

int badgeWidth(const QFontMetrics &metrics, const Badge &badge)
{
    return metrics.horizontalAdvance(badge.text) + 2 * badgePadding;
}

} // namespace

StateBadgeDelegate::StateBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QColor StateBadgeDelegate::toneColor(Badge::Tone tone)
{
    return Theme::tone(tone);
}

Badge StateBadgeDelegate::deploymentBadge(const QString &stateName)
{
    using S = Core::DeploymentState;
    const S state = Core::deploymentStateFromString(stateName);
    QString text = stateName;
    text.replace(u'_', u' ');
    Badge::Tone tone = Badge::Tone::Neutral;
    switch (state) {
    case S::Ready:
        tone = Badge::Tone::Success;
        break;
    case S::Queued:
    case S::Submitting:
    case S::InProgress:
    case S::InProgressVschema:
    case S::InProgressCutover:
    case S::InProgressRevert:
    case S::InProgressRevertVschema:
    case S::InProgressCancel:
        tone = Badge::Tone::Info;
        break;
    case S::PendingCutover:
    case S::CompletePendingRevert:
        tone = Badge::Tone::Warning;
        break;
    case S::Complete:
    case S::CompleteRevert:
        tone = Badge::Tone::Success;
        break;
    case S::Error:
    case S::CompleteError:
    case S::CompleteRevertError:
        tone = Badge::Tone::Danger;
        break;
    default:
        break;
    }
    return Badge { text, tone };
}

int StateBadgeDelegate::textWidthBesideBadges(int rowWidth, int textWidth, int badgesWidth)
{
    const int kept = std::min(textWidth, rowWidth / 2);
    return std::min(textWidth, std::max({ 0, kept, rowWidth - badgesWidth }));
}

void StateBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const BadgeList badges = badgesOf(index);
    if (badges.isEmpty())
        return QStyledItemDelegate::paint(painter, option, index);

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (m_badgesOnly)
        opt.text.clear();
    QFont badgeFont = opt.font;
    badgeFont.setPointSizeF(std::max(6.0, badgeFont.pointSizeF() * 0.85));
    const QFontMetrics badgeMetrics(badgeFont);

    int total = 0;
    for (const Badge &badge : badges)
        total += badgeWidth(badgeMetrics, badge) + badgeGap;

    // The badges follow the text.
    QStyleOptionViewItem textOpt = opt;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int textWidth = opt.text.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(opt.text) + 8;
    textOpt.rect.setRight(
        std::min(opt.rect.right(), textRect.left() + textWidthBesideBadges(textRect.width(), textWidth, total)));
    style->drawControl(QStyle::CE_ItemViewItem, &textOpt, painter, widget);
    if (opt.rect.right() > textOpt.rect.right()) {
        QStyleOptionViewItem rest = opt;
        rest.rect.setLeft(textOpt.rect.right() + 1);
        rest.text.clear();
        rest.icon = QIcon();
        rest.features &= ~QStyleOptionViewItem::HasCheckIndicator;
        style->drawControl(QStyle::CE_ItemViewItem, &rest, painter, widget);
    }

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(badgeFont);
    int x = textOpt.rect.right() + badgeGap;
    const int height = badgeMetrics.height() + 2;
    const int y = opt.rect.top() + (opt.rect.height() - height) / 2;
    for (const Badge &badge : badges) {
        QString text = badge.text;
        int width = badgeWidth(badgeMetrics, badge);
        if (x + width > opt.rect.right()) {
            // Too long for what is left: elide the label, or stop when even that does not fit.
            const int room = opt.rect.right() - x - 2 * badgePadding;
            if (room < badgeMetrics.horizontalAdvance(u"…"_s) * 3)
                break;
            text = badgeMetrics.elidedText(badge.text, Qt::ElideRight, room);
            width = badgeMetrics.horizontalAdvance(text) + 2 * badgePadding;
        }
        const QRectF pill(x, y, width, height);
        QPainterPath path;
        path.addRoundedRect(pill, height / 2.0, height / 2.0);
        painter->fillPath(path, Theme::tone(badge.tone, opt.palette));
        painter->setPen(Theme::onTone(badge.tone, opt.palette));
        painter->drawText(pill, Qt::AlignCenter, text);
        x += width + badgeGap;
    }
    painter->restore();
}

QSize StateBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const BadgeList badges = badgesOf(index);
    if (badges.isEmpty())
        return size;
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(std::max(6.0, badgeFont.pointSizeF() * 0.85));
    const QFontMetrics badgeMetrics(badgeFont);
    if (m_badgesOnly)
        size.setWidth(8);
    for (const Badge &badge : badges)
        size.rwidth() += badgeWidth(badgeMetrics, badge) + badgeGap;
    size.setHeight(std::max(size.height(), badgeMetrics.height() + 6));
    return size;
}

} // namespace Ui
