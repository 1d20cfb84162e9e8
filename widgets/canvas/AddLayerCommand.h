// Undoable: insert a layer into the graph. The id is kept across undo/redo so later commands on
// the stack that name it stay valid.
#pragma once

#include "GraphModel.h"

#include <QUndoCommand>

namespace layerlab::widgets::canvas {

class AddLayerCommand : public QUndoCommand {
public:
    AddLayerCommand(GraphModel* model, int index, LayerNode node);
    void redo() override;
    void undo() override;
    int id() const override { return -1; }
    int layerId() const { return m_node.id; }

private:
    GraphModel* m_model;
    int m_index;
    LayerNode m_node;
};

} // namespace layerlab::widgets::canvas
