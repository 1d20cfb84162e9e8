#include "NetworkScene.h"

#include "AddLayerCommand.h"
#include "ConnectionItem.h"
#include "GraphDrawing.h"
#include "DesignCheck.h"
#include "LayerItem.h"
#include "MoveLayerCommand.h"
#include "RemoveLayerCommand.h"
#include "Text.h"
#include "style/Colormap.h"
#include "style/Theme.h"

#include <QGraphicsTextItem>
#include <QTimer>
#include <QUndoStack>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

namespace {
} // namespace

NetworkScene::NetworkScene(GraphModel* model, QUndoStack* undo, QObject* parent)
    : QGraphicsScene(parent), m_model(model), m_undo(undo) {
    connect(m_model, &GraphModel::changed, this, &NetworkScene::rebuild);
    connect(&style::Theme::instance(), &style::Theme::changed, this, &NetworkScene::rebuild);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_rebuilding) return;
        const auto items = selectedItems();
        const auto* layer = items.isEmpty() ? nullptr : dynamic_cast<LayerItem*>(items.first());
        m_selected = layer ? layer->layerId() : 0;
        Q_EMIT layerSelected(m_selected);
    });
    rebuild();
}

NetworkScene::~NetworkScene() {
    m_rebuilding = true;
    clear();
}

void NetworkScene::setData(const DataSummary& data) {
    m_data = data;
    rebuild();
}

void NetworkScene::setIssues(std::vector<DesignIssue> issues) {
    m_issues = std::move(issues);
    rebuild();
}

void NetworkScene::setActivity(NeuronActivity activity) {
    m_activity = std::move(activity);
    applyActivity();
}

void NetworkScene::applyActivity() {
    const auto map = style::Colormap::fromTheme();
    const auto& theme = style::Theme::instance();
    for (auto* item : m_items)
        item->setActivity(m_activity.values.value(item->layerId()), m_activity.maps.value(item->layerId()), map);
    for (std::size_t i = 0; i < m_connections.size(); ++i)
        m_connections[i]->setWeights(m_activity.weights.value(m_items[i + 1]->layerId()),
                                     theme.color(QStringLiteral("weightPositive")), theme.color(QStringLiteral("weightNegative")));
    for (const auto& [edge, target] : m_graphEdges) // a dense layer has one input: its weights are that edge's
        edge->setWeights(m_activity.weights.value(target), theme.color(QStringLiteral("weightPositive")),
                         theme.color(QStringLiteral("weightNegative")));
}

void NetworkScene::setOutputUnits(int units) {
    if (units == m_outputUnits) return;
    m_outputUnits = units;
    rebuild();
}

LayerItem* NetworkScene::itemFor(int id) const {
    for (auto* item : m_items)
        if (item->layerId() == id) return item;
    return nullptr;
}

void NetworkScene::chooseNeuron(int layerId, int neuron) {
    const auto* item = itemFor(layerId);
    if (!item || neuron < 0 || neuron >= std::max(1, item->look().units)) layerId = neuron = -1;
    m_chosenLayer = layerId;
    m_chosenNeuron = neuron;
    for (auto* i : m_items) i->setChosenNeuron(i->layerId() == layerId ? neuron : -1);
    Q_EMIT neuronChosen(layerId, neuron);
}

views::NeuronDetail NetworkScene::describeNeuron() const {
    views::NeuronDetail d;
    const auto it = std::find_if(m_items.begin(), m_items.end(), [&](const LayerItem* i) { return i->layerId() == m_chosenLayer; });
    if (it == m_items.end() || m_chosenNeuron < 0) return d;
    const LayerItem* item = *it;
    const int k = m_chosenNeuron;
    d.layerId = m_chosenLayer;
    d.neuron = k;
    d.layer = item->look().title + QStringLiteral(" · ") + item->look().detail;
    d.name = item->neuronName(k);
    const auto values = m_activity.values.value(d.layerId);
    if (std::size_t(k) < values.size()) d.value = values[std::size_t(k)];
    const auto maps = m_activity.maps.value(d.layerId);
    if (k < maps.size()) d.map = maps[k];
    // Incoming weights [inputs x units], from the nearest layer before it that has neurons (an
    // Activation or Dropout box passes its input's neurons on).
    const auto weights = m_activity.weights.value(d.layerId);
    const int units = item->look().units;
    const LayerItem* source = nullptr;
    for (auto back = it; back != m_items.begin();) {
        --back;
        if ((*back)->look().role != LayerItem::Role::Operation) {
            source = *back;
            break;
        }
    }
    if (source && units > 0 && !weights.empty() && weights.size() % std::size_t(units) == 0) {
        const std::size_t inputs = weights.size() / std::size_t(units);
        const bool input = source->look().role == LayerItem::Role::Input;
        for (std::size_t j = 0; j < inputs; ++j)
            d.incoming.push_back({input ? source->neuronName(int(j)) : tr("%1, neuron %2").arg(source->look().title).arg(j + 1),
                                  weights[j * std::size_t(units) + std::size_t(k)]});
    }
    return d;
}

void NetworkScene::selectLayer(int id) {
    clearSelection();
    if (auto* item = itemFor(id)) item->setSelected(true);
}

LayerNode NetworkScene::defaultNode(NodeKind kind) {
    LayerNode n;
    n.kind = kind;
    if (kind == NodeKind::Dense) n = LayerNode::dense(16, nn::Activation::Relu);
    if (kind == NodeKind::Activation) n.activation = nn::Activation::Relu;
    if (kind == NodeKind::Dropout) n.dropout = 0.2f;
    if (isRecurrent(kind)) n.units = 16;
    return n;
}

void NetworkScene::addLayer(NodeKind kind, int index) {
    if (index < 0) {
        const int sel = m_model->indexOf(m_selected);
        index = (sel >= 0 && !m_model->isOutput(m_selected)) ? sel + 1 : m_model->insertionIndex();
    }
    index = std::min(index, m_model->insertionIndex());
    auto* cmd = new AddLayerCommand(m_model, index, defaultNode(kind));
    const int id = cmd->layerId();
    m_undo->push(cmd);
    selectLayer(id);
}

void NetworkScene::dropNewLayer(NodeKind kind, qreal x) { addLayer(kind, indexForX(x)); }

void NetworkScene::removeSelected() {
    if (m_selected == 0 || m_model->indexOf(m_selected) < 0 || m_model->isOutput(m_selected)) return;
    m_undo->push(new RemoveLayerCommand(m_model, m_selected));
}

int NetworkScene::indexForX(qreal x, int movingId) const {
    int index = 0;
    for (const LayerNode& n : m_model->nodes()) {
        if (n.id == movingId || m_model->isOutput(n.id)) continue;
        const auto* item = itemFor(n.id);
        if (item && item->pos().x() < x) ++index;
    }
    return std::min(index, m_model->insertionIndex());
}

void NetworkScene::layerDropped(int id, qreal x) {
    const int to = std::min(indexForX(x, id), m_model->lastMovableIndex());
    if (to == m_model->indexOf(id)) {
        QTimer::singleShot(0, this, &NetworkScene::rebuild); // snap back, after the mouse event ends
        return;
    }
    // Rebuilding deletes the item that is still delivering its release event: defer.
    QTimer::singleShot(0, this, [this, id, to] {
        if (m_model->indexOf(id) >= 0) m_undo->push(new MoveLayerCommand(m_model, id, to));
    });
}

LayerItem* NetworkScene::makeInputItem() {
    LayerItem::Look look;
    look.role = LayerItem::Role::Input;
    look.title = tr("Input");
    if (!m_data.loaded) {
        look.detail = tr("no data yet");
    } else {
        look.units = m_data.inputWidth;
        if (m_data.featureNames.size() == m_data.inputWidth) look.neuronNames = m_data.featureNames;
        look.detail = m_data.inputs.size() == m_data.inputWidth
                          ? (m_data.inputWidth == 1 ? tr("1 column") : tr("%1 columns").arg(m_data.inputWidth))
                          : tr("%1 col. → %2").arg(m_data.inputs.size()).arg(m_data.inputWidth);
    }
    // The design's problems that belong to no layer; warnings (an export that cannot carry a
    // derived column) are drawn as warnings, not as errors (the tour saw a red input box).
    look.warningOnly = true;
    for (const auto& i : m_issues) {
        if (i.layerId != 0) continue;
        look.problem += (look.problem.isEmpty() ? QString() : QStringLiteral("\n")) + i.message;
        if (i.severity == DesignIssue::Severity::Error) look.warningOnly = false;
    }
    auto* item = new LayerItem(0, look);
    if (!m_data.inputs.isEmpty()) item->setToolTip(tr("Inputs: %1").arg(m_data.inputs.join(QStringLiteral(", "))));
    return item;
}

LayerItem* NetworkScene::makeLayerItem(const LayerNode& n) {
    LayerItem::Look look;
    const bool output = m_model->isOutput(n.id);
    switch (n.kind) {
    case NodeKind::Dense: {
        look.role = output ? LayerItem::Role::Output : LayerItem::Role::Hidden;
        look.title = output ? (m_data.target.isEmpty() ? tr("Output") : tr("Output: %1").arg(m_data.target)) : tr("Dense");
        look.units = n.units || !output ? n.units : m_outputUnits;
        const QString act = n.activation ? text(nn::activationName(*n.activation)) : tr("linear");
        QString units = n.units ? QString::number(n.units) : (m_outputUnits ? tr("auto (%1)").arg(m_outputUnits) : tr("auto"));
        look.detail = units + QStringLiteral(" · ") + act;
        if (n.dropout > 0) look.detail += tr(" · drop %1").arg(double(n.dropout));
        break;
    }
    case NodeKind::Activation:
        look.role = LayerItem::Role::Operation;
        look.title = tr("Activation");
        look.detail = text(nn::activationName(n.activation.value_or(nn::Activation::Identity)));
        break;
    case NodeKind::Dropout:
        look.role = LayerItem::Role::Operation;
        look.title = tr("Dropout");
        look.detail = tr("rate %1").arg(double(n.dropout));
        break;
    case NodeKind::Rnn:
    case NodeKind::Gru:
    case NodeKind::Lstm:
        look.title = n.kind == NodeKind::Rnn ? tr("SimpleRNN") : n.kind == NodeKind::Gru ? tr("GRU") : tr("LSTM");
        look.units = n.units * (n.bidirectional ? 2 : 1);
        look.detail = QString::number(n.units) + (n.bidirectional ? tr(" · both ways") : QString()) +
                      (n.sequences ? tr(" · every step") : tr(" · last state"));
        break;
    case NodeKind::BatchNorm:
    case NodeKind::LayerNorm:
        look.role = LayerItem::Role::Operation;
        look.title = n.kind == NodeKind::BatchNorm ? tr("BatchNorm") : tr("LayerNorm");
        look.detail = n.kind == NodeKind::BatchNorm ? tr("over the batch") : tr("over each row");
        break;
    }
    look.warningOnly = true;
    for (const auto& i : m_issues) {
        if (i.layerId != n.id) continue;
        look.problem += (look.problem.isEmpty() ? QString() : QStringLiteral("\n")) + i.message;
        if (i.severity == DesignIssue::Severity::Error) look.warningOnly = false;
    }
    return new LayerItem(n.id, look);
}

void NetworkScene::rebuild() {
    m_rebuilding = true;
    clear();
    m_items.clear();
    m_connections.clear();
    m_graphEdges.clear();
    setBackgroundBrush(style::Theme::instance().color(QStringLiteral("canvas")));
    m_items.push_back(makeInputItem());
    if (m_model->holdsGraph()) {
        // A graph the chain of nodes cannot stand for: drawn by depth, read-only.
        LayerItem* input = m_items.front();
        addItem(input);
        const GraphDrawing::Placed placed =
            GraphDrawing::draw(*this, m_model->toSpec(), input, m_data.target, m_graphShapes, m_issues, kColumnPitch + 60);
        for (std::size_t k = 0; k < placed.connections.size(); ++k) m_graphEdges.emplace_back(placed.connections[k], placed.targets[k]);
        for (LayerItem* item : placed.items) {
            m_items.push_back(item);
            connect(item, &LayerItem::neuronClicked, this, &NetworkScene::chooseNeuron);
        }
    } else {
        for (const LayerNode& n : m_model->nodes()) m_items.push_back(makeLayerItem(n));
        qreal tallest = 0;
        for (auto* item : m_items) tallest = std::max(tallest, item->boundingRect().height());
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            LayerItem* item = m_items[i];
            addItem(item);
            item->setPos(static_cast<qreal>(i) * kColumnPitch, (tallest - item->boundingRect().height()) / 2);
            connect(item, &LayerItem::dropped, this, &NetworkScene::layerDropped);
            connect(item, &LayerItem::neuronClicked, this, &NetworkScene::chooseNeuron);
        }
        for (std::size_t i = 1; i < m_items.size(); ++i) {
            auto* c = new ConnectionItem(m_items[i - 1], m_items[i]);
            addItem(c);
            m_connections.push_back(c);
            for (auto* end : {m_items[i - 1], m_items[i]}) connect(end, &LayerItem::moved, this, [c] { c->refresh(); });
        }
    }
    // Problems for the whole design, in words, above the layers.
    QStringList lines;
    for (const auto& i : m_issues)
        lines << (i.severity == DesignIssue::Severity::Error ? QStringLiteral("✖ ") : QStringLiteral("⚠ ")) + i.message;
    QGraphicsTextItem* banner = nullptr;
    if (!lines.isEmpty()) {
        banner = addText(lines.join(QLatin1Char('\n')));
        banner->setDefaultTextColor(style::Theme::instance().color(
            DesignCheck::hasErrors(m_issues) ? QStringLiteral("error") : QStringLiteral("warning")));
        banner->setPos(-LayerItem::kWidth / 2, -banner->boundingRect().height() - 12);
        banner->setObjectName(QStringLiteral("designIssues"));
    }
    if (m_model->holdsGraph()) { // above the problems, if any
        const qreal top = banner ? banner->pos().y() - 4 : -12;
        auto* note = addText(tr("A graph: drawn as it is; edit it in the project file or with layerlab-cli train --graph "
                                "(the canvas cannot edit graphs yet)."));
        note->setDefaultTextColor(style::Theme::instance().color(QStringLiteral("warning")));
        note->setObjectName(QStringLiteral("graphNote"));
        note->setPos(-LayerItem::kWidth / 2, top - note->boundingRect().height());
    }
    if (!m_activity.empty()) applyActivity();
    if (auto* item = itemFor(m_selected); item && m_selected != 0) item->setSelected(true);
    else m_selected = 0;
    // The chosen neuron survives a rebuild while its layer still has it.
    if (const auto* chosen = itemFor(m_chosenLayer); chosen && m_chosenNeuron < std::max(1, chosen->look().units)) {
        itemFor(m_chosenLayer)->setChosenNeuron(m_chosenNeuron);
        Q_EMIT chosenNeuronRedrawn(); // the panel showed "Dense · 16" after the layer became 24 wide
    } else if (m_chosenLayer >= 0) {
        m_chosenLayer = m_chosenNeuron = -1;
        Q_EMIT neuronChosen(-1, -1);
    }
    setSceneRect(itemsBoundingRect().adjusted(-60, -60, 60, 60));
    m_rebuilding = false;
    Q_EMIT layerSelected(m_selected); // the inspector re-reads the (possibly changed) layer
}

} // namespace layerlab::widgets::canvas
