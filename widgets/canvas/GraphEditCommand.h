// Undoable: any edit of the graph, kept as the whole list of nodes before and after it (networks
// have tens of layers: a copy is cheap, and undo restores exactly what each node read, where it
// sat and every id). The first redo runs the edit; later ones put its result back, so ids the
// model assigned on the way stay the same for commands further up the stack.
#pragma once

#include "GraphModel.h"

#include <QUndoCommand>

#include <functional>
#include <optional>

namespace layerlab::widgets::canvas {

class GraphEditCommand : public QUndoCommand {
public:
    GraphEditCommand(GraphModel* model, const QString& text, std::function<void(GraphModel&)> edit);
    void redo() override;
    void undo() override;

protected:
    GraphModel* model() const { return m_model; }

private:
    GraphModel* m_model;
    std::function<void(GraphModel&)> m_edit;
    std::vector<LayerNode> m_before;
    std::optional<std::vector<LayerNode>> m_after;
};

} // namespace layerlab::widgets::canvas
