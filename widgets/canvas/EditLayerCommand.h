// Undoable: change a layer's settings (units, activation, initializer, dropout). Consecutive
// edits of the same field of the same layer merge into one step, so typing "128" in a spin box
// or dragging its arrows is undone at once.
#pragma once

#include "GraphModel.h"

#include <QUndoCommand>

namespace layerlab::widgets::canvas {

class EditLayerCommand : public QUndoCommand {
public:
    /// `field` names what changed ("units", "activation", ...): only same-field edits merge.
    EditLayerCommand(GraphModel* model, int layerId, const LayerNode& after, const QString& field);
    void redo() override;
    void undo() override;
    int id() const override { return 1001; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    GraphModel* m_model;
    int m_layer;
    LayerNode m_before;
    LayerNode m_after;
    QString m_field;
};

} // namespace layerlab::widgets::canvas
