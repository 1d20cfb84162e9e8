#include "GraphModel.h"

#include "design/DesignGraph.h"

#include <algorithm>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;
using engine::design::DesignGraph;

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

int GraphModel::nodeOfLayer(int specLayerId) const { return DesignGraph::nodeOfLayer(m_nodes, specLayerId); }

void GraphModel::reset(const nn::NetworkSpec& spec) {
    m_nextId = 1;
    m_nodes = DesignGraph::fromSpec(spec, m_nextId);
    Q_EMIT changed();
}

nn::NetworkSpec GraphModel::toSpec(int inputs) const { return DesignGraph::toSpec(m_nodes, inputs); }

void GraphModel::assignIds() { DesignGraph::assignIds(m_nodes, m_nextId); }

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
