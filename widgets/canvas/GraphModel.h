// The truth for the topology the user edits (QtNodes' id-based graph model): an ordered chain of
// layer nodes, each with a stable id. Canvas items hold ids and read from here; every user edit
// goes through a QUndoCommand that calls the mutators below. Converts to and from the engine's
// NetworkSpec, which is what project files store and the trainer builds.
//
// The last node is the output layer when it is dense; it cannot be removed or moved, and new
// layers go before it. A spec the chain of nodes cannot stand for (branches, merges,
// normalization, an embedding: a graph from the CLI or a project file) is held as it is, drawn
// by nobody and never edited here, so it reaches the trainer and the file unchanged.
// Threading: GUI thread only.
#pragma once

#include "LayerNode.h"

#include <QObject>

#include <optional>

#include <vector>

namespace layerlab::widgets::canvas {

class GraphModel : public QObject {
    Q_OBJECT
public:
    explicit GraphModel(QObject* parent = nullptr);

    const std::vector<LayerNode>& nodes() const { return m_nodes; }
    /// nullptr when no node has this id.
    const LayerNode* node(int id) const;
    /// Position of `id` in the chain, or -1.
    int indexOf(int id) const;
    bool isOutput(int id) const;
    /// Where a new hidden layer goes by default: before the output layer.
    int insertionIndex() const;
    /// How far a hidden layer may move: [0, lastMovableIndex()].
    int lastMovableIndex() const;

    /// Replaces everything (opening a project). Not an undoable edit.
    void reset(const engine::nn::NetworkSpec& spec);
    /// The spec this graph stands for; `inputs` is the input width (0 = from data).
    engine::nn::NetworkSpec toSpec(int inputs = 0) const;
    /// True while the model holds a graph the nodes cannot show (no nodes then; edits do nothing).
    bool holdsGraph() const { return m_graph.has_value(); }
    /// Whether nodes can stand for `spec` exactly.
    static bool isDrawable(const engine::nn::NetworkSpec& spec);

    // Mutators for the undo commands. Each emits changed().
    /// Inserts at `index` (clamped); gives the node a fresh id when it has none. Returns the id.
    int insert(int index, LayerNode node);
    LayerNode remove(int id);
    void move(int id, int index);
    void replace(int id, const LayerNode& node);

    int nextId() const { return m_nextId; }

Q_SIGNALS:
    /// Anything changed; views rebuild (networks here have tens of layers, not thousands).
    void changed();

private:
    std::vector<LayerNode> m_nodes;
    std::optional<engine::nn::NetworkSpec> m_graph; // see holdsGraph()
    int m_nextId = 1;
};

} // namespace layerlab::widgets::canvas
