#include "RemoveLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

RemoveLayerCommand::RemoveLayerCommand(GraphModel* model, int layerId)
    : m_model(model), m_index(model->indexOf(layerId)), m_node(*model->node(layerId)) {
    setText(QCoreApplication::translate("canvas", "Remove layer"));
}

void RemoveLayerCommand::redo() { m_model->remove(m_node.id); }
void RemoveLayerCommand::undo() { m_model->insert(m_index, m_node); }

} // namespace layerlab::widgets::canvas
