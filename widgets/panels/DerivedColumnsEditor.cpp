#include "DerivedColumnsEditor.h"

#include "data/DerivedColumns.h"
#include "style/Theme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace layerlab::widgets::panels {

using namespace layerlab::engine;
using namespace layerlab::engine::data;

DerivedColumnsEditor::DerivedColumnsEditor(QWidget* parent)
    : QWidget(parent), m_list(new QListWidget), m_name(new QLineEdit), m_formula(new QLineEdit), m_status(new QLabel),
      m_preview(new QLabel), m_error(new QLabel), m_add(new QPushButton(tr("&Add"))), m_remove(new QPushButton(tr("&Remove"))),
      m_typing(new QTimer(this)) {
    auto* layout = new QVBoxLayout(this);
    m_list->setToolTip(tr("Columns computed by formula; they can be inputs like any other column"));
    layout->addWidget(m_list, 1);
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto* form = new QFormLayout;
    m_name->setPlaceholderText(tr("e.g. distance"));
    m_name->setToolTip(tr("Name of the new column"));
    m_formula->setPlaceholderText(tr("e.g. sqrt(x^2 + y^2)"));
    m_formula->setToolTip(tr("muParser formula over numeric columns: + - * / ^, sqrt, atan2(y, x), log, exp, abs, min, max, ?:"));
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Formula"), m_formula);
    form->addRow(QString(), m_status);
    form->addRow(tr("Preview"), m_preview);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    m_add->setToolTip(tr("Add the column (or update the selected one)"));
    m_remove->setToolTip(tr("Remove the selected derived column"));
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_add);
    layout->addLayout(buttons);
    m_status->setWordWrap(true);
    m_preview->setWordWrap(true);

    m_typing->setSingleShot(true);
    m_typing->setInterval(150);
    connect(m_typing, &QTimer::timeout, this, &DerivedColumnsEditor::validate);
    for (auto* edit : {m_name, m_formula}) connect(edit, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_formula, &QLineEdit::returnPressed, this, &DerivedColumnsEditor::addOrUpdate);
    connect(m_add, &QPushButton::clicked, this, &DerivedColumnsEditor::addOrUpdate);
    connect(m_remove, &QPushButton::clicked, this, &DerivedColumnsEditor::removeCurrent);
    connect(m_list, &QListWidget::currentRowChanged, this, &DerivedColumnsEditor::showCurrent);
    validate();
}

void DerivedColumnsEditor::setColumns(const std::vector<DerivedColumn>& columns, std::shared_ptr<const Table> table,
                                      const QString& error) {
    m_columns = columns;
    m_table = std::move(table);
    const int row = m_list->currentRow();
    m_list->blockSignals(true);
    m_list->clear();
    for (const auto& c : columns) m_list->addItem(QString::fromStdString(c.name + " = " + c.formula));
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    m_list->blockSignals(false);
    m_error->setText(error);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(style::Theme::instance().color(QStringLiteral("error")).name()));
    m_remove->setEnabled(m_list->currentRow() >= 0);
    validate();
}

int DerivedColumnsEditor::indexOf(const std::string& name) const {
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == name) return static_cast<int>(i);
    return -1;
}

void DerivedColumnsEditor::validateNow() {
    m_typing->stop();
    validate();
}

bool DerivedColumnsEditor::validate() {
    const auto& theme = style::Theme::instance();
    auto say = [&](const QString& text, bool ok) {
        m_status->setText(text);
        m_status->setStyleSheet(QStringLiteral("color: %1").arg(theme.color(ok ? QStringLiteral("ok") : QStringLiteral("error")).name()));
        m_add->setEnabled(ok);
        return ok;
    };
    m_preview->clear();
    const std::string name = m_name->text().trimmed().toStdString();
    const std::string formula = m_formula->text().trimmed().toStdString();
    if (formula.empty()) return say(tr("Type a formula."), false);
    if (name.empty()) return say(tr("Give the column a name."), false);
    const int editing = indexOf(name);
    m_add->setText(editing >= 0 ? tr("&Update") : tr("&Add"));
    if (!m_table) return say(tr("Load the data to check the formula."), true);
    if (editing < 0 && m_table->columnIndex(name)) return say(tr("The data already has a column \"%1\".").arg(m_name->text().trimmed()), false);
    try {
        const DerivedColumn column{name, formula};
        DerivedColumns::check(*m_table, column);
        const std::vector<float> values = DerivedColumns::evaluate(*m_table, column);
        QStringList first;
        for (std::size_t i = 0; i < values.size() && i < 6; ++i)
            first << (std::isnan(values[i]) ? tr("missing") : QString::number(double(values[i]), 'g', 5));
        m_preview->setText(first.join(QStringLiteral(", ")) + (values.size() > 6 ? QStringLiteral(", …") : QString()));
        return say(tr("OK"), true);
    } catch (const FormulaError& e) {
        return say(tr("At character %1: %2").arg(e.position()).arg(QString::fromStdString(e.detail())), false);
    } catch (const Error& e) {
        return say(QString::fromStdString(e.what()), false);
    }
}

void DerivedColumnsEditor::addOrUpdate() {
    if (!validate()) return;
    std::vector<DerivedColumn> next = m_columns;
    const DerivedColumn column{m_name->text().trimmed().toStdString(), m_formula->text().trimmed().toStdString()};
    const int editing = indexOf(column.name);
    if (editing >= 0) next[static_cast<std::size_t>(editing)] = column;
    else next.push_back(column);
    Q_EMIT edited(next, editing >= 0 ? tr("derived column %1").arg(m_name->text().trimmed()) : tr("new derived column"));
    if (editing < 0) {
        m_name->clear();
        m_formula->clear();
    }
}

void DerivedColumnsEditor::removeCurrent() {
    const int row = m_list->currentRow();
    if (row < 0) return;
    std::vector<DerivedColumn> next = m_columns;
    next.erase(next.begin() + row);
    m_list->setCurrentRow(-1);
    Q_EMIT edited(next, tr("removed derived column"));
}

void DerivedColumnsEditor::showCurrent() {
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    if (row < 0) return;
    m_name->setText(QString::fromStdString(m_columns[static_cast<std::size_t>(row)].name));
    m_formula->setText(QString::fromStdString(m_columns[static_cast<std::size_t>(row)].formula));
}

} // namespace layerlab::widgets::panels
