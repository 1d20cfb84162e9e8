// Undoable: remove a layer; what read it reads what it read (GraphEdits::removed). Undo puts
// back every node as it was, with the same ids.
#pragma once

#include "GraphEditCommand.h"

namespace layerlab::widgets::canvas {

class RemoveLayerCommand : public GraphEditCommand {
public:
    RemoveLayerCommand(GraphModel* model, int layerId);
};

} // namespace layerlab::widgets::canvas
