// Undoable: insert a layer into the graph (spliced in after the layer before `index`, see
// GraphEdits::inserted). The id is kept across undo/redo so later commands on the stack that
// name it stay valid.
#pragma once

#include "GraphEditCommand.h"

namespace layerlab::widgets::canvas {

class AddLayerCommand : public GraphEditCommand {
public:
    AddLayerCommand(GraphModel* model, int index, LayerNode node);
    int id() const override { return -1; }
    int layerId() const { return m_id; }

private:
    int m_id;
};

} // namespace layerlab::widgets::canvas
