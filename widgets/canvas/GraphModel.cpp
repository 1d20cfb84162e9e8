#include "GraphModel.h"

#include <algorithm>
#include <map>
#include <set>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

LayerNode LayerNode::dense(int units, std::optional<nn::Activation> activation) {
    LayerNode n;
    n.units = units;
    n.activation = activation;
    return n;
}

bool LayerNode::sameSettings(const LayerNode& o) const {
    LayerNode a = *this, b = o;
    for (LayerNode* n : {&a, &b}) {
        n->from.clear();
        n->placed = false;
        n->x = n->y = 0;
    }
    return a == b;
}

GraphModel::GraphModel(QObject* parent) : QObject(parent) {}

const LayerNode* GraphModel::node(int id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_nodes[static_cast<std::size_t>(i)];
}

int GraphModel::indexOf(int id) const { return GraphEdits::indexOf(m_nodes, id); }

bool GraphModel::isOutput(int id) const { return id != 0 && GraphEdits::outputId(m_nodes) == id; }

int GraphModel::insertionIndex() const {
    const int n = static_cast<int>(m_nodes.size());
    return GraphEdits::outputId(m_nodes) ? n - 1 : n;
}

int GraphModel::lastMovableIndex() const { return std::max(0, insertionIndex() - 1); }

int GraphModel::nodeOfLayer(int specLayerId) const {
    if (specLayerId == 0) return 0;
    for (const LayerNode& n : m_nodes)
        if (n.id == specLayerId || (n.kind == NodeKind::Dense && ((n.activation && n.activationId == specLayerId) ||
                                                                  (n.dropout > 0.0f && n.dropoutId == specLayerId))))
            return n.id;
    return 0;
}

void GraphModel::reset(const nn::NetworkSpec& spec) {
    const std::size_t count = spec.layers.size();
    std::vector<std::vector<int>> sources;
    try {
        sources = spec.sources();
    } catch (const std::exception&) { // the project loader refuses these; read what is left as a chain
        sources.clear();
        for (std::size_t i = 0; i < count; ++i) sources.push_back({int(i) - 1});
    }
    // Spec ids stay the nodes' ids (the design check and the file name layers by them).
    std::set<int> seen;
    std::vector<int> ids(count, 0);
    m_nextId = 1;
    for (std::size_t i = 0; i < count; ++i)
        if (spec.layers[i].id > 0 && seen.insert(spec.layers[i].id).second) {
            ids[i] = spec.layers[i].id;
            m_nextId = std::max(m_nextId, ids[i] + 1);
        }
    for (auto& id : ids)
        if (id == 0) id = m_nextId++;
    std::vector<int> readCount(count, 0);
    for (const auto& s : sources)
        for (const int k : s)
            if (k >= 0) ++readCount[std::size_t(k)];
    // A layer that only `next` reads, and that `next` alone reads: grouped into one node.
    const auto follows = [&](std::size_t i, nn::LayerType type) {
        return i + 1 < count && spec.layers[i + 1].type == type && sources[i + 1] == std::vector<int>{int(i)} && readCount[i] == 1;
    };
    std::vector<int> nodeOf(count, 0); // node id holding each layer
    m_nodes.clear();
    for (std::size_t i = 0; i < count; ++i) {
        const nn::LayerSpec& l = spec.layers[i];
        const std::size_t first = i;
        LayerNode n;
        n.id = ids[i];
        switch (l.type) {
        case nn::LayerType::Dense:
            n.kind = NodeKind::Dense;
            n.units = l.units;
            n.init = l.init;
            if (follows(i, nn::LayerType::Activation)) {
                n.activation = spec.layers[++i].activation;
                n.activationId = ids[i];
            }
            if (follows(i, nn::LayerType::Dropout) && spec.layers[i + 1].rate > 0.0f) {
                n.dropout = spec.layers[++i].rate;
                n.dropoutId = ids[i];
            }
            break;
        case nn::LayerType::Activation:
            n.kind = NodeKind::Activation;
            n.activation = l.activation;
            break;
        case nn::LayerType::Dropout:
            n.kind = NodeKind::Dropout;
            n.dropout = l.rate;
            break;
        case nn::LayerType::Embedding:
            n.kind = NodeKind::Embedding;
            n.units = l.units;
            n.embedded = l.columns;
            break;
        case nn::LayerType::Recurrent:
            n.kind = l.cell == nn::Cell::Rnn ? NodeKind::Rnn : l.cell == nn::Cell::Lstm ? NodeKind::Lstm : NodeKind::Gru;
            n.units = l.units;
            n.sequences = l.sequences;
            n.bidirectional = l.bidirectional;
            break;
        case nn::LayerType::Add: n.kind = NodeKind::Add; break;
        case nn::LayerType::Concat: n.kind = NodeKind::Concat; break;
        case nn::LayerType::BatchNorm: n.kind = NodeKind::BatchNorm; break;
        case nn::LayerType::LayerNorm: n.kind = NodeKind::LayerNorm; break;
        case nn::LayerType::Select:
            n.kind = NodeKind::Columns;
            n.columns = l.select;
            n.positions = l.positions;
            break;
        }
        for (std::size_t k = first; k <= i; ++k) {
            nodeOf[k] = n.id;
            if (!spec.layers[k].name.empty()) n.name = spec.layers[k].name; // the statement's name is on its last layer
        }
        for (const int s : sources[first]) n.from.push_back(s < 0 ? 0 : nodeOf[std::size_t(s)]);
        m_nodes.push_back(n);
    }
    assignIds();
    Q_EMIT changed();
}

nn::NetworkSpec GraphModel::toSpec(int inputs) const {
    nn::NetworkSpec spec;
    spec.inputs = inputs;
    // A chain is written as the chain version wrote it: no edges, ids on the layers it drew.
    const bool chain = isChain();
    std::map<int, int> output; // node id -> id of the spec layer others read
    for (const LayerNode& n : m_nodes) {
        std::vector<nn::LayerSpec> layers;
        std::vector<int> ids{n.id};
        switch (n.kind) {
        case NodeKind::Dense:
            layers.push_back(nn::LayerSpec::dense(n.units, n.init));
            if (n.activation) {
                layers.push_back(nn::LayerSpec::act(*n.activation));
                ids.push_back(n.activationId);
            }
            if (n.dropout > 0.0f) {
                layers.push_back(nn::LayerSpec::dropout(n.dropout));
                ids.push_back(n.dropoutId);
            }
            break;
        case NodeKind::Activation: layers.push_back(nn::LayerSpec::act(n.activation.value_or(nn::Activation::Identity))); break;
        case NodeKind::Dropout: layers.push_back(nn::LayerSpec::dropout(n.dropout)); break;
        case NodeKind::Rnn:
        case NodeKind::Gru:
        case NodeKind::Lstm: layers.push_back(nn::LayerSpec::recurrent(cellOf(n.kind), n.units, n.sequences, n.bidirectional)); break;
        case NodeKind::BatchNorm: layers.push_back(nn::LayerSpec::of(nn::LayerType::BatchNorm)); break;
        case NodeKind::LayerNorm: layers.push_back(nn::LayerSpec::of(nn::LayerType::LayerNorm)); break;
        case NodeKind::Add: layers.push_back(nn::LayerSpec::of(nn::LayerType::Add)); break;
        case NodeKind::Concat: layers.push_back(nn::LayerSpec::of(nn::LayerType::Concat)); break;
        case NodeKind::Embedding: {
            nn::LayerSpec e = nn::LayerSpec::embedding(n.embedded);
            e.units = n.units;
            layers.push_back(e);
            break;
        }
        case NodeKind::Columns: {
            nn::LayerSpec s = nn::LayerSpec::of(nn::LayerType::Select);
            s.select = n.columns;
            s.positions = n.positions;
            layers.push_back(s);
            break;
        }
        }
        if (chain) {
            // Only the layers the chain version drew carry their id: a standalone activation or
            // dropout right after a dense layer reads back as part of it.
            const bool drawn = n.kind == NodeKind::Dense || isRecurrent(n.kind) || n.kind == NodeKind::BatchNorm ||
                               n.kind == NodeKind::LayerNorm;
            if (drawn) layers.front().id = n.id;
        } else {
            for (std::size_t k = 0; k < layers.size(); ++k) {
                layers[k].id = ids[k];
                if (k > 0) layers[k].from = {ids[k - 1]};
            }
            for (const int s : n.from) layers.front().from.push_back(s == 0 ? nn::LayerSpec::kInput : output.count(s) ? output[s] : s);
            layers.back().name = n.name;
            output[n.id] = ids.back();
        }
        for (auto& l : layers) spec.layers.push_back(std::move(l));
    }
    return spec;
}

void GraphModel::assignIds() {
    for (const LayerNode& n : m_nodes)
        for (const int id : {n.id, n.activationId, n.dropoutId}) m_nextId = std::max(m_nextId, id + 1);
    for (LayerNode& n : m_nodes) {
        if (n.id == 0) n.id = m_nextId++;
        if (n.kind != NodeKind::Dense) continue;
        if (n.activation && n.activationId == 0) n.activationId = m_nextId++;
        if (n.dropout > 0.0f && n.dropoutId == 0) n.dropoutId = m_nextId++;
    }
}

int GraphModel::insert(int index, LayerNode node) {
    if (node.id == 0 || indexOf(node.id) >= 0) node.id = m_nextId;
    m_nextId = std::max(m_nextId, node.id + 1);
    m_nodes = GraphEdits::inserted(m_nodes, index, node);
    assignIds();
    Q_EMIT changed();
    return node.id;
}

LayerNode GraphModel::remove(int id) {
    const int i = indexOf(id);
    if (i < 0) return {};
    LayerNode n = m_nodes[static_cast<std::size_t>(i)];
    m_nodes = GraphEdits::removed(m_nodes, id);
    Q_EMIT changed();
    return n;
}

void GraphModel::move(int id, int index) {
    const int from = indexOf(id);
    if (from < 0 || !isChain()) return; // a graph's layers move on the canvas, not in the list
    index = std::clamp(index, 0, static_cast<int>(m_nodes.size()) - 1);
    if (from == index) return;
    LayerNode n = m_nodes[static_cast<std::size_t>(from)];
    m_nodes.erase(m_nodes.begin() + from);
    m_nodes.insert(m_nodes.begin() + index, n);
    m_nodes = GraphEdits::relinked(std::move(m_nodes));
    Q_EMIT changed();
}

void GraphModel::replace(int id, const LayerNode& node) {
    const int i = indexOf(id);
    if (i < 0) return;
    LayerNode n = node;
    n.id = id;
    if (m_nodes[static_cast<std::size_t>(i)] == n) return;
    m_nodes[static_cast<std::size_t>(i)] = n;
    assignIds();
    Q_EMIT changed();
}

void GraphModel::setNodes(std::vector<LayerNode> nodes) {
    if (nodes == m_nodes) return;
    m_nodes = std::move(nodes);
    assignIds();
    Q_EMIT changed();
}

} // namespace layerlab::widgets::canvas
