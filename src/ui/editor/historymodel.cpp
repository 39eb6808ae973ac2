#include "ui/editor/historymodel.h"

#include "ui/common/theme.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryModel::setEntries(QList<Store::HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_classes.clear();
    m_classes.reserve(m_entries.size());
    for (const auto &e : std::as_const(m_entries))
        m_classes.append(Core::SqlClassifier::classify(e.text));
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_entries.at(index.row());
    const auto &kind = m_classes.at(index.row());
    if (role == EntryIdRole)
        return e.id;
    if (role == KindRole)
        return int(kind.kind);
    if (role == DestructiveRole)
        return kind.isDestructive();
    if (role == Qt::ToolTipRole && index.column() == KindColumn)
        return kind.isDestructive() ? tr("%1 — destructive: %2").arg(kind.verb, kind.destructiveText()) : kind.verb;
    if (role == FullTextRole || (role == Qt::ToolTipRole && index.column() == StatementColumn))
        return e.text;
    if (role == Qt::ToolTipRole && index.column() == ErrorColumn)
        return e.error.isEmpty() ? QVariant() : QVariant(e.error);
    if (role == Qt::ForegroundRole && !e.error.isEmpty())
        return QBrush(Theme::tone(Tone::Danger));
    if (role == Qt::TextAlignmentRole && (index.column() == DurationColumn || index.column() == RowsColumn))
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(e.startedAt.toLocalTime(), QLocale::ShortFormat);
    case TargetColumn:
        return e.target;
    case KindColumn:
        return QString(Core::SqlClassifier::kindName(kind.kind) + (kind.isDestructive() ? u" \u26a0"_s : QString()));
    case StatementColumn: {
        QString oneLine = e.text.simplified();
        if (oneLine.size() > 200)
            oneLine = oneLine.left(200) + u"\u2026"_s;
        return oneLine;
    }
    case DurationColumn:
        if (!e.finished())
            return e.error.isEmpty() ? tr("unfinished") : QString();
        return e.durationMs < 1000 ? tr("%1 ms").arg(e.durationMs) : tr("%1 s").arg(e.durationMs / 1000.0, 0, 'f', 2);
    case RowsColumn:
        return e.rows < 0 ? QString() : QLocale().toString(e.rows);
    case ErrorColumn:
        return e.error.section(u'\n', 0, 0);
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TargetColumn:
        return tr("Target");
    case KindColumn:
        return tr("Kind");
    case StatementColumn:
        return tr("Statement");
    case DurationColumn:
        return tr("Duration");
    case RowsColumn:
        return tr("Rows");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace Ui
