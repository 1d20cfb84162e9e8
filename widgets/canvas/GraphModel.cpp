#include "GraphModel.h"

#include <algorithm>
#include <set>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

LayerNode LayerNode::dense(int units, std::optional<nn::Activation> activation) {
    LayerNode n;
    n.units = units;
    n.activation = activation;
    return n;
}

GraphModel::GraphModel(QObject* parent) : QObject(parent) {}

const LayerNode* GraphModel::node(int id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_nodes[static_cast<std::size_t>(i)];
}

int GraphModel::indexOf(int id) const {
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].id == id) return static_cast<int>(i);
    return -1;
}

bool GraphModel::isOutput(int id) const {
    return !m_nodes.empty() && m_nodes.back().id == id && m_nodes.back().kind == NodeKind::Dense;
}

int GraphModel::insertionIndex() const {
    const int n = static_cast<int>(m_nodes.size());
    return (n > 0 && m_nodes.back().kind == NodeKind::Dense) ? n - 1 : n;
}

int GraphModel::lastMovableIndex() const { return std::max(0, insertionIndex() - 1); }

bool GraphModel::isDrawable(const nn::NetworkSpec& spec) {
    for (const auto& l : spec.layers) {
        switch (l.type) {
        case nn::LayerType::Dense:
        case nn::LayerType::Activation:
        case nn::LayerType::Dropout:
        case nn::LayerType::Recurrent:
        case nn::LayerType::BatchNorm:
        case nn::LayerType::LayerNorm: break;
        case nn::LayerType::Embedding:
        case nn::LayerType::Add:
        case nn::LayerType::Concat:
        case nn::LayerType::Select: return false;
        }
        if (!l.from.empty() || !l.name.empty()) return false;
    }
    return true;
}

void GraphModel::reset(const nn::NetworkSpec& spec) {
    m_nodes.clear();
    m_graph.reset();
    if (!isDrawable(spec)) {
        m_graph = spec;
        Q_EMIT changed();
        return;
    }
    std::set<int> used;
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const nn::LayerSpec& l = spec.layers[i];
        LayerNode n;
        n.id = (l.id > 0 && used.insert(l.id).second) ? l.id : 0;
        if (l.type == nn::LayerType::Dense) {
            n.kind = NodeKind::Dense;
            n.units = l.units;
            n.init = l.init;
            // A dense layer absorbs the activation and then the dropout that follow it.
            if (i + 1 < spec.layers.size() && spec.layers[i + 1].type == nn::LayerType::Activation)
                n.activation = spec.layers[++i].activation;
            if (i + 1 < spec.layers.size() && spec.layers[i + 1].type == nn::LayerType::Dropout &&
                spec.layers[i + 1].rate > 0.0f)
                n.dropout = spec.layers[++i].rate;
        } else if (l.type == nn::LayerType::Recurrent) {
            n.kind = l.cell == nn::Cell::Rnn ? NodeKind::Rnn : l.cell == nn::Cell::Lstm ? NodeKind::Lstm : NodeKind::Gru;
            n.units = l.units;
            n.sequences = l.sequences;
            n.bidirectional = l.bidirectional;
        } else if (l.type == nn::LayerType::Activation) {
            n.kind = NodeKind::Activation;
            n.activation = l.activation;
        } else if (l.type == nn::LayerType::BatchNorm || l.type == nn::LayerType::LayerNorm) {
            n.kind = l.type == nn::LayerType::BatchNorm ? NodeKind::BatchNorm : NodeKind::LayerNorm;
        } else { // isDrawable(): only dropout is left
            n.kind = NodeKind::Dropout;
            n.dropout = l.rate;
        }
        m_nodes.push_back(n);
    }
    m_nextId = 1;
    for (const int id : used) m_nextId = std::max(m_nextId, id + 1);
    for (auto& n : m_nodes)
        if (n.id == 0) n.id = m_nextId++;
    Q_EMIT changed();
}

// Only dense layers carry their id into the spec: a standalone activation or dropout right after
// a dense layer reads back as part of it, and the spec must not differ by an id when it does.
nn::NetworkSpec GraphModel::toSpec(int inputs) const {
    if (m_graph) {
        nn::NetworkSpec held = *m_graph;
        held.inputs = inputs;
        return held;
    }
    nn::NetworkSpec spec;
    spec.inputs = inputs;
    for (const LayerNode& n : m_nodes) {
        switch (n.kind) {
        case NodeKind::Dense: {
            nn::LayerSpec d = nn::LayerSpec::dense(n.units, n.init);
            d.id = n.id;
            spec.layers.push_back(d);
            if (n.activation) spec.layers.push_back(nn::LayerSpec::act(*n.activation));
            if (n.dropout > 0.0f) spec.layers.push_back(nn::LayerSpec::dropout(n.dropout));
            break;
        }
        case NodeKind::Activation: {
            spec.layers.push_back(nn::LayerSpec::act(n.activation.value_or(nn::Activation::Identity)));
            break;
        }
        case NodeKind::Dropout: {
            spec.layers.push_back(nn::LayerSpec::dropout(n.dropout));
            break;
        }
        case NodeKind::Rnn:
        case NodeKind::Gru:
        case NodeKind::Lstm: {
            nn::LayerSpec r = nn::LayerSpec::recurrent(cellOf(n.kind), n.units, n.sequences, n.bidirectional);
            r.id = n.id;
            spec.layers.push_back(r);
            break;
        }
        case NodeKind::BatchNorm:
        case NodeKind::LayerNorm: {
            nn::LayerSpec norm = nn::LayerSpec::of(n.kind == NodeKind::BatchNorm ? nn::LayerType::BatchNorm : nn::LayerType::LayerNorm);
            norm.id = n.id;
            spec.layers.push_back(norm);
            break;
        }
        }
    }
    return spec;
}

int GraphModel::insert(int index, LayerNode node) {
    if (m_graph) return 0; // the palette and the canvas are off while a graph is held
    if (node.id == 0 || indexOf(node.id) >= 0) node.id = m_nextId;
    m_nextId = std::max(m_nextId, node.id + 1);
    index = std::clamp(index, 0, static_cast<int>(m_nodes.size()));
    m_nodes.insert(m_nodes.begin() + index, node);
    Q_EMIT changed();
    return node.id;
}

LayerNode GraphModel::remove(int id) {
    if (m_graph) return {};
    const int i = indexOf(id);
    if (i < 0) return {};
    LayerNode n = m_nodes[static_cast<std::size_t>(i)];
    m_nodes.erase(m_nodes.begin() + i);
    Q_EMIT changed();
    return n;
}

void GraphModel::move(int id, int index) {
    const int from = indexOf(id);
    if (from < 0) return;
    index = std::clamp(index, 0, static_cast<int>(m_nodes.size()) - 1);
    if (from == index) return;
    LayerNode n = m_nodes[static_cast<std::size_t>(from)];
    m_nodes.erase(m_nodes.begin() + from);
    m_nodes.insert(m_nodes.begin() + index, n);
    Q_EMIT changed();
}

void GraphModel::replace(int id, const LayerNode& node) {
    const int i = indexOf(id);
    if (i < 0) return;
    LayerNode n = node;
    n.id = id;
    if (m_nodes[static_cast<std::size_t>(i)] == n) return;
    m_nodes[static_cast<std::size_t>(i)] = n;
    Q_EMIT changed();
}

} // namespace layerlab::widgets::canvas
