// The topology the user edits, for the canvas: the engine's headless design graph (QtNodes'
// id-based graph model: engine/design's layer nodes with stable ids, each naming the nodes it
// reads, edited by GraphEdits, converted by DesignGraph) held as a QObject that says when it changed. The list is kept in an order the engine
// can run (each node after what it reads), the output layer last. Canvas items hold ids and read
// from here; every user edit goes through a QUndoCommand that calls the mutators below. Converts
// to and from the engine's NetworkSpec, which is what project files store and the trainer builds:
// a chain is written as a chain (the files of the chain version, byte for byte), anything else as
// a graph whose layer ids are the nodes' ids.
//
// The last node is the output layer when it is dense; it cannot be removed or moved.
// Threading: GUI thread only.
#pragma once

#include "LayerNode.h"

#include <QObject>

#include <vector>

namespace layerlab::widgets::canvas {

class GraphModel : public QObject {
    Q_OBJECT
public:
    explicit GraphModel(QObject* parent = nullptr);

    const std::vector<LayerNode>& nodes() const { return m_nodes; }
    /// nullptr when no node has this id.
    const LayerNode* node(int id) const;
    /// Position of `id` in the list, or -1.
    int indexOf(int id) const;
    bool isOutput(int id) const;
    /// Where a new hidden layer goes by default: before the output layer.
    int insertionIndex() const;
    /// How far a hidden layer of a chain may move: [0, lastMovableIndex()].
    int lastMovableIndex() const;
    /// Each node reads the one before it, nothing merges: drawn as a row, reordered by dragging.
    bool isChain() const { return GraphEdits::isChain(m_nodes); }
    /// The node a spec layer of toSpec() belongs to (a dense node's activation and dropout are
    /// its own); 0 = none.
    int nodeOfLayer(int specLayerId) const;

    /// Replaces everything (opening a project). Not an undoable edit.
    void reset(const engine::nn::NetworkSpec& spec);
    /// The spec this graph stands for; `inputs` is the input width (0 = from data).
    engine::nn::NetworkSpec toSpec(int inputs = 0) const;

    // Mutators for the undo commands. Each emits changed() when something changed.
    /// Inserts at `index` (clamped) as GraphEdits::inserted; gives the node a fresh id when it has
    /// none. Returns the id.
    int insert(int index, LayerNode node);
    LayerNode remove(int id);
    /// A chain's reorder: `id` to position `index`, each node then reading the one before it.
    void move(int id, int index);
    void replace(int id, const LayerNode& node);
    /// A whole new graph (an edit GraphEdits computed, or its undo).
    void setNodes(std::vector<LayerNode> nodes);

    int nextId() const { return m_nextId; }

Q_SIGNALS:
    /// Anything changed; views rebuild (networks here have tens of layers, not thousands).
    void changed();

private:
    /// Fresh ids where a node (or a dense node's activation or dropout) has none.
    void assignIds();
    std::vector<LayerNode> m_nodes;
    int m_nextId = 1;
};

} // namespace layerlab::widgets::canvas
