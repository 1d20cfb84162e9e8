// Undoable: remove a layer; undo puts it back at the same place with the same id.
#pragma once

#include "GraphModel.h"

#include <QUndoCommand>

namespace layerlab::widgets::canvas {

class RemoveLayerCommand : public QUndoCommand {
public:
    RemoveLayerCommand(GraphModel* model, int layerId);
    void redo() override;
    void undo() override;

private:
    GraphModel* m_model;
    int m_index;
    LayerNode m_node;
};

} // namespace layerlab::widgets::canvas
