#include "LayerInspector.h"

#include "Text.h"
#include "canvas/EditLayerCommand.h"
#include "canvas/GraphModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace layerlab::widgets::panels {

namespace {
QString title(canvas::NodeKind kind) {
    switch (kind) {
    case canvas::NodeKind::Dense: return LayerInspector::tr("<b>Dense layer</b>");
    case canvas::NodeKind::Activation: return LayerInspector::tr("<b>Activation</b>");
    case canvas::NodeKind::Dropout: return LayerInspector::tr("<b>Dropout</b>");
    case canvas::NodeKind::Rnn: return LayerInspector::tr("<b>SimpleRNN</b> (tanh)");
    case canvas::NodeKind::Gru: return LayerInspector::tr("<b>GRU</b>");
    case canvas::NodeKind::Lstm: return LayerInspector::tr("<b>LSTM</b>");
    case canvas::NodeKind::BatchNorm: return LayerInspector::tr("<b>BatchNorm</b> (a learned scale and shift; statistics kept for inference)");
    case canvas::NodeKind::LayerNorm: return LayerInspector::tr("<b>LayerNorm</b> (a learned scale and shift)");
    case canvas::NodeKind::Add:
        return LayerInspector::tr("<b>Add</b>: sums its inputs (equal widths). Drag from another layer's right dot onto this "
                                  "card to add an input; select a connection and press Delete to remove one.");
    case canvas::NodeKind::Concat:
        return LayerInspector::tr("<b>Concatenate</b>: its inputs side by side (widths add). Drag from another layer's right "
                                  "dot onto this card to add an input; select a connection and press Delete to remove one.");
    case canvas::NodeKind::Embedding:
        return LayerInspector::tr("<b>Embedding</b>: learned values for each level of the factors it reads (give them the "
                                  "embedding encoding in the Data tab)");
    case canvas::NodeKind::Columns:
        return LayerInspector::tr("<b>Columns</b>: a group of the input's columns, the start of a branch (wide-and-deep: "
                                  "factors to an Embedding, numbers to a Dense layer)");
    }
    return {};
}
} // namespace

using namespace layerlab::engine;
using canvas::LayerNode;
using canvas::NodeKind;

namespace {
constexpr nn::Activation kActivations[] = {nn::Activation::Identity, nn::Activation::Relu,    nn::Activation::LeakyRelu,
                                           nn::Activation::Elu,      nn::Activation::Gelu,    nn::Activation::Tanh,
                                           nn::Activation::Sigmoid,  nn::Activation::Softplus, nn::Activation::Softmax};
constexpr nn::Initializer kInits[] = {nn::Initializer::Auto, nn::Initializer::GlorotUniform, nn::Initializer::GlorotNormal,
                                      nn::Initializer::HeUniform, nn::Initializer::HeNormal, nn::Initializer::Zeros};
} // namespace

LayerInspector::LayerInspector(canvas::GraphModel* model, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), m_model(model), m_undo(undo), m_title(new QLabel), m_form(new QFormLayout),
      m_units(new QSpinBox), m_activation(new QComboBox), m_init(new QComboBox), m_dropout(new QDoubleSpinBox),
      m_sequences(new QCheckBox(tr("Pass every step on"))), m_bidirectional(new QCheckBox(tr("Read both ways"))),
      m_columns(new QListWidget) {
    auto* layout = new QVBoxLayout(this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addStretch(1);

    m_units->setRange(0, 4096);
    m_units->setToolTip(tr("Neurons in this layer. On the output layer, 0 (auto) follows the target."));
    m_units->setObjectName(QStringLiteral("units"));
    m_activation->addItem(tr("none (linear)"), -1);
    for (const auto a : kActivations) m_activation->addItem(text(nn::activationName(a)), static_cast<int>(a));
    m_activation->setToolTip(tr("Function applied to the layer's outputs"));
    m_activation->setObjectName(QStringLiteral("activation"));
    for (const auto i : kInits) m_init->addItem(text(nn::initializerName(i)), static_cast<int>(i));
    m_init->setToolTip(tr("Starting weights: auto picks He before ReLU-like activations, Glorot otherwise"));
    m_init->setObjectName(QStringLiteral("initializer"));
    m_dropout->setRange(0.0, 0.95);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_dropout->setToolTip(tr("Share of values zeroed at random while training (0 = no dropout)"));
    m_dropout->setObjectName(QStringLiteral("dropout"));
    m_form->addRow(tr("&Units"), m_units);
    m_form->addRow(tr("&Activation"), m_activation);
    m_form->addRow(tr("&Initializer"), m_init);
    m_form->addRow(tr("&Dropout"), m_dropout);
    m_sequences->setToolTip(tr("On: the next layer gets the state after every step (needed to stack recurrent layers).\n"
                               "Off: only the state after the last real step."));
    m_sequences->setObjectName(QStringLiteral("sequences"));
    m_bidirectional->setToolTip(tr("A second pass from the end of the sequence; both states are joined (twice the outputs)"));
    m_bidirectional->setObjectName(QStringLiteral("bidirectional"));
    m_columns->setObjectName(QStringLiteral("columns"));
    m_columns->setToolTip(tr("The input columns this branch reads"));
    m_columns->setMaximumHeight(180);
    m_form->addRow(tr("&Columns"), m_columns);
    connect(m_columns, &QListWidget::itemChanged, this, [this] {
        std::vector<std::string> picked;
        for (int k = 0; k < m_columns->count(); ++k)
            if (m_columns->item(k)->checkState() == Qt::Checked) picked.push_back(m_columns->item(k)->text().toStdString());
        edit(tr("columns"), [&picked](LayerNode& n) {
            if (n.columns == picked) return;
            n.columns = picked;
            n.positions.clear(); // the next run binds them again
        });
    });
    m_form->addRow(tr("&Steps"), m_sequences);
    m_form->addRow(tr("&Direction"), m_bidirectional);
    connect(m_sequences, &QCheckBox::toggled, this, [this](bool on) { edit(tr("steps"), [on](LayerNode& n) { n.sequences = on; }); });
    connect(m_bidirectional, &QCheckBox::toggled, this,
            [this](bool on) { edit(tr("direction"), [on](LayerNode& n) { n.bidirectional = on; }); });

    connect(m_units, &QSpinBox::valueChanged, this, [this](int v) { edit(tr("units"), [v](LayerNode& n) { n.units = v; }); });
    connect(m_activation, &QComboBox::activated, this, [this](int index) {
        const int a = m_activation->itemData(index).toInt();
        edit(tr("activation"), [a](LayerNode& n) {
            n.activation = a < 0 ? std::nullopt : std::optional(static_cast<nn::Activation>(a));
        });
    });
    connect(m_init, &QComboBox::activated, this, [this](int index) {
        const auto i = static_cast<nn::Initializer>(m_init->itemData(index).toInt());
        edit(tr("initializer"), [i](LayerNode& n) { n.init = i; });
    });
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit(tr("dropout"), [v](LayerNode& n) { n.dropout = static_cast<float>(v); }); });
    connect(m_model, &canvas::GraphModel::changed, this, &LayerInspector::refresh);
    refresh();
}

void LayerInspector::setInputColumns(const QStringList& names) {
    if (names == m_inputColumns) return;
    m_inputColumns = names;
    refresh();
}

void LayerInspector::showLayer(int id) {
    m_id = id;
    refresh();
}

void LayerInspector::edit(const QString& field, const std::function<void(LayerNode&)>& change) {
    if (m_updating) return;
    const LayerNode* current = m_model->node(m_id);
    if (!current) return;
    LayerNode next = *current;
    change(next);
    if (next == *current) return;
    m_undo->push(new canvas::EditLayerCommand(m_model, m_id, next, field));
}

void LayerInspector::refresh() {
    m_updating = true;
    const LayerNode* n = m_model->node(m_id);
    const bool dense = n && n->kind == NodeKind::Dense;
    const bool recurrent = n && canvas::isRecurrent(n->kind);
    const bool output = n && m_model->isOutput(m_id);
    const bool embedding = n && n->kind == NodeKind::Embedding;
    const bool columns = n && n->kind == NodeKind::Columns;
    m_form->setRowVisible(m_units, dense || recurrent || embedding);
    m_form->setRowVisible(m_columns, columns);
    m_form->setRowVisible(m_init, dense);
    m_form->setRowVisible(m_activation, n && (n->kind == NodeKind::Dense || n->kind == NodeKind::Activation));
    m_form->setRowVisible(m_dropout, n && (n->kind == NodeKind::Dense || n->kind == NodeKind::Dropout));
    m_form->setRowVisible(m_sequences, recurrent);
    m_form->setRowVisible(m_bidirectional, recurrent);
    if (!n) {
        m_title->setText(tr("Select a layer on the canvas to edit it.\nAdd layers from the palette; drag from a layer's "
                            "right dot onto another to connect them (Add and Concatenate take several)."));
    } else {
        m_title->setText(output ? tr("<b>Output layer</b>") : title(n->kind));
        m_sequences->setChecked(n->sequences);
        m_bidirectional->setChecked(n->bidirectional);
        m_units->setMinimum(output || embedding ? 0 : 1);
        m_units->setSpecialValueText(output ? tr("auto (from target)") : embedding ? tr("each column's own") : QString());
        m_units->setValue(n->units);
        m_activation->setCurrentIndex(m_activation->findData(n->activation ? static_cast<int>(*n->activation) : -1));
        m_init->setCurrentIndex(m_init->findData(static_cast<int>(n->init)));
        m_dropout->setValue(n->dropout);
        // Every input column, ticked where the group reads it; a name the data no longer has stays listed.
        m_columns->clear();
        QStringList names = m_inputColumns;
        for (const auto& c : n->columns)
            if (!names.contains(QString::fromStdString(c))) names << QString::fromStdString(c);
        for (const QString& name : names) {
            auto* item = new QListWidgetItem(name, m_columns);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            const bool on = std::find(n->columns.begin(), n->columns.end(), name.toStdString()) != n->columns.end();
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
}

} // namespace layerlab::widgets::panels
