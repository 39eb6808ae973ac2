#include "ui/insights/queryerrormodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ui {

QueryErrorModel::QueryErrorModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void QueryErrorModel::setErrors(QList<Core::QueryError> errors)
{
    beginResetModel();
    m_errors = std::move(errors);
    endResetModel();
}

int QueryErrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_errors.size());
}

int QueryErrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryErrorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Core::QueryError &e = m_errors.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return e.message;
    if (role == Qt::TextAlignmentRole)
        return index.column() == MessageColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case MessageColumn:
        return e.message.simplified();
    case CountColumn:
        return QLocale().toString(e.errorCount);
    case AverageColumn:
        return QString(QLocale().toString(e.timePerQueryMs, 'f', 2) + u" ms"_s);
    case LastColumn:
        return e.lastOccurredAt.isValid() ? QLocale().toString(e.lastOccurredAt.toLocalTime(), QLocale::ShortFormat)
                                          : QString();
    default:
        return {};
    }
}

QVariant QueryErrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MessageColumn:
        return tr("Error");
    case CountColumn:
        return tr("Count");
    case AverageColumn:
        return tr("Avg time");
    case LastColumn:
        return tr("Last seen");
    default:
        return {};
    }
}

} // namespace Ui
