#include "NetworkScene.h"

#include "AddLayerCommand.h"
#include "ConnectionItem.h"
#include "DesignCheck.h"
#include "GraphEditCommand.h"
#include "LayerItem.h"
#include "MoveLayerCommand.h"
#include "NodeLook.h"
#include "RemoveLayerCommand.h"
#include "ShapeLabel.h"
#include "Text.h"
#include "style/Colormap.h"
#include "style/Theme.h"

#include <QGraphicsLineItem>
#include <QGraphicsTextItem>
#include <QTimer>
#include <QUndoStack>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

NetworkScene::NetworkScene(GraphModel* model, QUndoStack* undo, QObject* parent)
    : QGraphicsScene(parent), m_model(model), m_undo(undo) {
    connect(m_model, &GraphModel::changed, this, &NetworkScene::rebuild);
    connect(&style::Theme::instance(), &style::Theme::changed, this, &NetworkScene::rebuild);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_rebuilding) return;
        m_selected = 0;
        for (auto* item : selectedItems())
            if (const auto* layer = dynamic_cast<LayerItem*>(item)) {
                m_selected = layer->layerId();
                break;
            }
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
    for (const Edge& e : m_edges) // a dense layer has one input: its weights are that connection's
        e.item->setWeights(m_activity.weights.value(e.to), theme.color(QStringLiteral("weightPositive")),
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

ConnectionItem* NetworkScene::connectionFor(int from, int to) const {
    for (const Edge& e : m_edges)
        if (e.from == from && e.to == to) return e.item;
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
    const LayerItem* item = itemFor(m_chosenLayer);
    if (!item || m_chosenNeuron < 0) return d;
    const int k = m_chosenNeuron;
    d.layerId = m_chosenLayer;
    d.neuron = k;
    d.layer = item->look().title + QStringLiteral(" · ") + item->look().detail;
    d.name = item->neuronName(k);
    const auto values = m_activity.values.value(d.layerId);
    if (std::size_t(k) < values.size()) d.value = values[std::size_t(k)];
    const auto maps = m_activity.maps.value(d.layerId);
    if (k < maps.size()) d.map = maps[k];
    // Incoming weights [inputs x units], from what the layer reads: through an Activation or
    // Dropout box of a chain, which passes its input's neurons on.
    const auto weights = m_activity.weights.value(d.layerId);
    const int units = item->look().units;
    const LayerItem* source = nullptr;
    for (const LayerNode* n = m_model->node(d.layerId); n && !n->from.empty();) {
        source = itemFor(n->from.front());
        if (!source || source->look().role != LayerItem::Role::Operation) break;
        n = m_model->node(n->from.front());
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
    switch (kind) {
    case NodeKind::Dense: n = LayerNode::dense(16, nn::Activation::Relu); break;
    case NodeKind::Activation: n.activation = nn::Activation::Relu; break;
    case NodeKind::Dropout: n.dropout = 0.2f; break;
    case NodeKind::Rnn:
    case NodeKind::Gru:
    case NodeKind::Lstm: n.units = 16; break;
    case NodeKind::Embedding: n.units = 8; break;
    case NodeKind::BatchNorm:
    case NodeKind::LayerNorm:
    case NodeKind::Add:
    case NodeKind::Concat:
    case NodeKind::Columns: n.units = 0; break;
    }
    return n;
}

void NetworkScene::addLayer(NodeKind kind, int index) {
    if (index < 0) {
        const int sel = m_model->indexOf(m_selected);
        index = (sel >= 0 && !m_model->isOutput(m_selected)) ? sel + 1 : m_model->insertionIndex();
    }
    if (kind == NodeKind::Columns) index = 0; // a new branch from the input row
    index = std::min(index, m_model->insertionIndex());
    auto* cmd = new AddLayerCommand(m_model, index, defaultNode(kind));
    const int id = cmd->layerId();
    m_undo->push(cmd);
    selectLayer(id);
}

void NetworkScene::dropNewLayer(NodeKind kind, qreal x) {
    if (m_model->isChain()) addLayer(kind, indexForX(x));
    else addLayer(kind); // a graph has no left-to-right order to drop into: after the selection
}

void NetworkScene::removeSelected() {
    for (auto* item : selectedItems())
        if (auto* c = dynamic_cast<ConnectionItem*>(item)) {
            disconnectLayers(c->from()->layerId(), c->to()->layerId());
            return;
        }
    std::vector<int> ids;
    for (auto* item : selectedItems())
        if (auto* layer = dynamic_cast<LayerItem*>(item); layer && m_model->indexOf(layer->layerId()) >= 0 && !m_model->isOutput(layer->layerId()))
            ids.push_back(layer->layerId());
    if (ids.empty()) return;
    if (ids.size() > 1) m_undo->beginMacro(tr("Remove %1 layers").arg(ids.size()));
    for (const int id : ids) m_undo->push(new RemoveLayerCommand(m_model, id));
    if (ids.size() > 1) m_undo->endMacro();
}

bool NetworkScene::push(const QString& text, const GraphEdits::Result& result) {
    if (!result.nodes) {
        Q_EMIT refused(QString::fromStdString(result.why));
        return false;
    }
    m_undo->push(new GraphEditCommand(m_model, text, [nodes = *result.nodes](GraphModel& m) { m.setNodes(nodes); }));
    return true;
}

bool NetworkScene::connectLayers(int from, int to) {
    return push(tr("Connect layers"), GraphEdits::connected(m_model->nodes(), from, to));
}

bool NetworkScene::disconnectLayers(int from, int to) {
    return push(tr("Remove connection"), GraphEdits::disconnected(m_model->nodes(), from, to));
}

bool NetworkScene::wrapSelectionInResidual() {
    std::vector<int> ids;
    for (auto* item : selectedItems())
        if (auto* layer = dynamic_cast<LayerItem*>(item)) ids.push_back(layer->layerId());
    LayerNode add = defaultNode(NodeKind::Add);
    add.id = m_model->nextId();
    if (!push(tr("Wrap in residual connection"), GraphEdits::wrapped(m_model->nodes(), ids, add))) return false;
    selectLayer(add.id);
    return true;
}

bool NetworkScene::tidy() {
    const auto& nodes = m_model->nodes();
    if (std::none_of(nodes.begin(), nodes.end(), [](const LayerNode& n) { return n.placed; })) {
        Q_EMIT refused(tr("The layout is already tidy: every layer is where the automatic layout puts it."));
        return false;
    }
    m_undo->push(new GraphEditCommand(m_model, tr("Tidy layout"), [](GraphModel& m) {
        auto n = m.nodes();
        for (auto& node : n) node.placed = false;
        m.setNodes(std::move(n));
    }));
    return true;
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

void NetworkScene::layerDropped(int id, QPointF pos) {
    // Rebuilding deletes the item that is still delivering its release event: defer.
    if (!m_model->isChain()) {
        QTimer::singleShot(0, this, [this, id, pos] {
            if (m_model->indexOf(id) < 0) return;
            m_undo->push(new GraphEditCommand(m_model, tr("Move layer"), [id, pos](GraphModel& m) {
                LayerNode n = *m.node(id);
                n.placed = true;
                n.x = pos.x();
                n.y = pos.y();
                m.replace(id, n);
            }));
        });
        return;
    }
    const int to = std::min(indexForX(pos.x(), id), m_model->lastMovableIndex());
    if (to == m_model->indexOf(id)) {
        QTimer::singleShot(0, this, &NetworkScene::rebuild); // snap back, after the mouse event ends
        return;
    }
    QTimer::singleShot(0, this, [this, id, to] {
        if (m_model->indexOf(id) >= 0) m_undo->push(new MoveLayerCommand(m_model, id, to));
    });
}

void NetworkScene::connectDragged(int id, QPointF at, bool done) {
    const LayerItem* source = itemFor(id);
    if (!source) return;
    if (!done) {
        if (!m_rubber) {
            m_rubber = addLine(QLineF(), QPen(style::Theme::instance().color(QStringLiteral("selection")), 2, Qt::DashLine));
            m_rubber->setZValue(5);
        }
        m_rubber->setLine(QLineF(source->mapToScene(source->outPort()), at));
        return;
    }
    delete m_rubber;
    m_rubber = nullptr;
    int target = -1;
    for (auto* item : items(at))
        if (auto* layer = dynamic_cast<LayerItem*>(item); layer && layer->layerId() != id) {
            target = layer->layerId();
            break;
        }
    if (target < 0) return;
    QTimer::singleShot(0, this, [this, id, target] { connectLayers(id, target); }); // after the release event
}

nn::Shape NetworkScene::shapeOf(int id) const {
    if (id == 0) return m_shapes.input;
    std::size_t at = 0;
    nn::Shape found;
    for (const LayerNode& n : m_model->nodes()) {
        const std::size_t count = 1 + (n.kind == NodeKind::Dense && n.activation ? 1 : 0) + (n.kind == NodeKind::Dense && n.dropout > 0 ? 1 : 0);
        if (n.id == id && at + count <= m_shapes.layers.size()) found = m_shapes.layers[at + count - 1];
        at += count;
    }
    return at == m_shapes.layers.size() ? found : nn::Shape{}; // shapes of another design: not these
}

void NetworkScene::placeItems() {
    const auto& nodes = m_model->nodes();
    qreal tallest = 0;
    for (auto* item : m_items) tallest = std::max(tallest, item->boundingRect().height());
    if (m_model->isChain()) { // a row, in list order, centred on the tallest card
        for (std::size_t i = 0; i < m_items.size(); ++i)
            m_items[i]->setPos(static_cast<qreal>(i) * kColumnPitch, (tallest - m_items[i]->boundingRect().height()) / 2);
        return;
    }
    // Rows as tall as the tallest card, so branches never overlap; a card the user put somewhere stays there.
    const std::vector<QPointF> laid = GraphDrawing::positions(nodes, kGraphPitch, tallest + 70);
    m_items.front()->setPos(0, 0);
    for (std::size_t i = 0; i < nodes.size(); ++i)
        m_items[i + 1]->setPos(nodes[i].placed ? QPointF(nodes[i].x, nodes[i].y) : laid[i]);
}

void NetworkScene::addEdges() {
    for (const LayerNode& n : m_model->nodes()) {
        LayerItem* to = itemFor(n.id);
        int offset = 0; // a concatenation's part starts after the parts before it
        for (const int s : n.from) {
            LayerItem* from = itemFor(s);
            if (!from || !to) continue;
            auto* c = new ConnectionItem(from, to);
            switch (n.kind) {
            case NodeKind::Activation:
            case NodeKind::Dropout:
            case NodeKind::Add:
            case NodeKind::BatchNorm:
            case NodeKind::LayerNorm: c->setElementwise(0); break;
            case NodeKind::Concat: c->setElementwise(offset); break;
            case NodeKind::Dense:
            case NodeKind::Rnn:
            case NodeKind::Gru:
            case NodeKind::Lstm:
            case NodeKind::Embedding:
            case NodeKind::Columns: break; // all to all (a group's picks are not drawn apart)
            }
            const nn::Shape carried = shapeOf(s);
            offset += carried.width;
            addItem(c);
            m_edges.push_back({c, s, n.id});
            for (auto* end : {from, to}) connect(end, &LayerItem::moved, this, [c] { c->refresh(); });
            if (carried.width <= 0) continue;
            ShapeLabel::add(*this, from, to, carried, m_model->isChain());
        }
    }
}

void NetworkScene::rebuild() {
    m_rebuilding = true;
    clear();
    m_items.clear();
    m_edges.clear();
    m_rubber = nullptr;
    setBackgroundBrush(style::Theme::instance().color(QStringLiteral("canvas")));
    const bool graph = !m_model->isChain();
    const NodeLook::Context context{&m_data, &m_issues, m_outputUnits, graph};
    auto* input = new LayerItem(0, NodeLook::input(context));
    if (!m_data.inputs.isEmpty()) input->setToolTip(tr("Inputs: %1").arg(m_data.inputs.join(QStringLiteral(", "))));
    input->setPorts(false, true);
    m_items.push_back(input);
    for (const LayerNode& n : m_model->nodes()) {
        const bool output = m_model->isOutput(n.id);
        auto* item = new LayerItem(n.id, NodeLook::of(n, output, shapeOf(n.id).width, context));
        item->setPorts(n.kind != NodeKind::Columns, !output);
        if (graph) { // every card goes where it is put, the output too
            item->setFlag(QGraphicsItem::ItemIsMovable);
            item->setFlag(QGraphicsItem::ItemSendsGeometryChanges);
            item->setFreeMove(true);
        }
        m_items.push_back(item);
    }
    for (auto* item : m_items) {
        addItem(item);
        connect(item, &LayerItem::dropped, this, &NetworkScene::layerDropped);
        connect(item, &LayerItem::neuronClicked, this, &NetworkScene::chooseNeuron);
        connect(item, &LayerItem::connectDragged, this, &NetworkScene::connectDragged);
    }
    placeItems();
    addEdges();
    // Problems for the whole design, in words, above the layers.
    QStringList lines;
    for (const auto& i : m_issues)
        lines << (i.severity == DesignIssue::Severity::Error ? QStringLiteral("✖ ") : QStringLiteral("⚠ ")) + i.message;
    if (!lines.isEmpty()) {
        auto* banner = addText(lines.join(QLatin1Char('\n')));
        banner->setDefaultTextColor(style::Theme::instance().color(
            DesignCheck::hasErrors(m_issues) ? QStringLiteral("error") : QStringLiteral("warning")));
        qreal top = 0;
        for (auto* item : m_items) top = std::min(top, item->pos().y());
        banner->setPos(-LayerItem::kWidth / 2, top - banner->boundingRect().height() - 24);
        banner->setObjectName(QStringLiteral("designIssues"));
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
