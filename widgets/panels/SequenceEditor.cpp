#include "SequenceEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace layerlab::widgets::panels {

using namespace layerlab::engine::data;

SequenceEditor::SequenceEditor(QWidget* parent)
    : QWidget(parent), m_kind(new QComboBox), m_column(new QComboBox), m_lengthLabel(new QLabel), m_length(new QSpinBox) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_kind->addItem(tr("rows as they are"), int(SequenceKind::None));
    m_kind->addItem(tr("characters of a text column"), int(SequenceKind::Characters));
    m_kind->addItem(tr("window of the last rows"), int(SequenceKind::Window));
    m_kind->setToolTip(tr("Sequence input for recurrent layers (SimpleRNN, GRU, LSTM):\n"
                          "characters: each character of a text becomes one step (padding is masked);\n"
                          "window: the last N rows predict the next row's target, split in time order"));
    m_kind->setObjectName(QStringLiteral("sequenceKind"));
    m_column->setToolTip(tr("The text column read character by character (the only input then)"));
    m_column->setObjectName(QStringLiteral("sequenceColumn"));
    m_length->setRange(0, SequenceSpec::kMaxLength);
    m_length->setObjectName(QStringLiteral("sequenceLength"));
    row->addWidget(new QLabel(tr("Sequence:")));
    row->addWidget(m_kind);
    row->addWidget(m_column);
    row->addWidget(m_lengthLabel);
    row->addWidget(m_length);
    row->addStretch(1);
    connect(m_kind, &QComboBox::activated, this, [this] {
        // Sensible starting values: the first listed column; a week of rows.
        const auto kind = SequenceKind(m_kind->currentData().toInt());
        m_updating = true;
        if (kind == SequenceKind::Window && m_length->value() < 1) m_length->setValue(7);
        if (kind == SequenceKind::Characters && m_sequence.kind != SequenceKind::Characters) m_length->setValue(0);
        m_updating = false;
        emitEdited(tr("sequence input"));
    });
    connect(m_column, &QComboBox::activated, this, [this] { emitEdited(tr("sequence column")); });
    connect(m_length, &QSpinBox::valueChanged, this, [this] { emitEdited(tr("sequence length")); });
    updateVisibility();
}

void SequenceEditor::setSequence(const SequenceSpec& sequence) {
    m_updating = true;
    m_sequence = sequence;
    m_kind->setCurrentIndex(m_kind->findData(int(sequence.kind)));
    const QString column = QString::fromStdString(sequence.column);
    if (!column.isEmpty() && m_column->findText(column) < 0) m_column->addItem(column);
    m_column->setCurrentIndex(m_column->findText(column));
    m_length->setValue(sequence.length);
    updateVisibility();
    m_updating = false;
}

void SequenceEditor::setColumns(const std::vector<ColumnInfo>& columns) {
    m_updating = true;
    const QString current = m_column->currentText();
    m_column->clear();
    for (const bool textFirst : {true, false})
        for (const auto& c : columns)
            if ((c.type == ColumnType::Text || c.type == ColumnType::Factor) == textFirst) m_column->addItem(QString::fromStdString(c.name));
    m_column->setCurrentIndex(std::max(0, m_column->findText(current.isEmpty() ? QString::fromStdString(m_sequence.column) : current)));
    m_updating = false;
}

void SequenceEditor::emitEdited(const QString& field) {
    if (m_updating) return;
    SequenceSpec s;
    s.kind = SequenceKind(m_kind->currentData().toInt());
    if (s.kind == SequenceKind::Characters) s.column = m_column->currentText().toStdString();
    if (s.kind != SequenceKind::None) s.length = m_length->value();
    if (s.kind == SequenceKind::Window) s.length = std::max(1, s.length);
    updateVisibility();
    if (s == m_sequence) return;
    m_sequence = s;
    Q_EMIT edited(s, field);
}

void SequenceEditor::updateVisibility() {
    const auto kind = SequenceKind(m_kind->currentData().toInt());
    m_column->setVisible(kind == SequenceKind::Characters);
    m_length->setVisible(kind != SequenceKind::None);
    m_lengthLabel->setVisible(kind != SequenceKind::None);
    m_lengthLabel->setText(kind == SequenceKind::Window ? tr("rows:") : tr("max length:"));
    m_length->setMinimum(kind == SequenceKind::Window ? 1 : 0);
    m_length->setSpecialValueText(kind == SequenceKind::Characters ? tr("longest") : QString());
    m_length->setToolTip(kind == SequenceKind::Window ? tr("How many rows (time steps) each sample reads")
                                                      : tr("Characters kept per text; longer ones are cut (\"longest\" = the longest training text)"));
}

} // namespace layerlab::widgets::panels
