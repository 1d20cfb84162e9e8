// Undoable: move a layer to another place in a chain. A whole drag is one command. (A graph's
// layers are placed on the canvas instead: NetworkScene pushes a GraphEditCommand.)
#pragma once

#include "GraphEditCommand.h"

namespace layerlab::widgets::canvas {

class MoveLayerCommand : public GraphEditCommand {
public:
    MoveLayerCommand(GraphModel* model, int layerId, int toIndex);
};

} // namespace layerlab::widgets::canvas
