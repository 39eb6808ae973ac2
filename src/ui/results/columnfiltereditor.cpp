#include "ui/results/columnfiltereditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ui {

ColumnFilterEditor::ColumnFilterEditor(const QList<Core::ColumnInfo> &columns, int column, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_columns(columns)
    , m_column(column)
    , m_operator(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_DeleteOnClose);
    using Op = Core::FilterOp;
    for (const Op op : { Op::Equal, Op::NotEqual, Op::Less, Op::LessOrEqual, Op::Greater, Op::GreaterOrEqual,
             Op::Contains, Op::NotContains, Op::IsNull, Op::IsNotNull, Op::Matches })
        m_operator->addItem(Core::ResultFilter::operatorText(op), int(op));
    m_value->setPlaceholderText(tr("Value"));
    m_value->setClearButtonEnabled(true);
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Filter"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { accept(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QWidget::close);
    connect(m_value, &QLineEdit::returnPressed, this, [this] { accept(); });
    connect(m_operator, &QComboBox::currentIndexChanged, this, &ColumnFilterEditor::updateValueEnabled);

    auto *title = new QLabel(tr("Rows where <b>%1</b>").arg(columns.value(column).name.toHtmlEscaped()), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_operator);
    row->addWidget(m_value, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(320);
    m_value->setFocus();
}

void ColumnFilterEditor::setCondition(Core::FilterOp op, const QString &value)
{
    m_operator->setCurrentIndex(m_operator->findData(int(op)));
    m_value->setText(value);
}

QString ColumnFilterEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ColumnFilterEditor::updateValueEnabled()
{
    const auto op = Core::FilterOp(m_operator->currentData().toInt());
    m_value->setEnabled(op != Core::FilterOp::IsNull && op != Core::FilterOp::IsNotNull);
}

bool ColumnFilterEditor::accept()
{
    const Core::ColumnCondition condition { m_column, Core::FilterOp(m_operator->currentData().toInt()),
        m_value->isEnabled() ? m_value->text() : QString() };
    const auto valid = Core::ResultFilter::validate(Core::FilterSpec { {}, { condition } }, m_columns);
    if (!valid.ok()) {
        m_error->setText(u"\u26a0 "_s + valid.error().toString());
        m_error->show();
        return false;
    }
    m_error->hide();
    m_error->clear();
    Q_EMIT accepted(condition);
    close();
    return true;
}

} // namespace Ui
