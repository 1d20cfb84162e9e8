// Undoable: move a layer to another place in the chain. A whole drag is one command.
#pragma once

#include "GraphModel.h"

#include <QUndoCommand>

namespace layerlab::widgets::canvas {

class MoveLayerCommand : public QUndoCommand {
public:
    MoveLayerCommand(GraphModel* model, int layerId, int toIndex);
    void redo() override;
    void undo() override;

private:
    GraphModel* m_model;
    int m_id;
    int m_from;
    int m_to;
};

} // namespace layerlab::widgets::canvas
