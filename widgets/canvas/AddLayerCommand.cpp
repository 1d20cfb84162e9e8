#include "AddLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

AddLayerCommand::AddLayerCommand(GraphModel* model, int index, LayerNode node)
    : m_model(model), m_index(index), m_node(node) {
    if (m_node.id == 0 || m_model->indexOf(m_node.id) >= 0) m_node.id = m_model->nextId();
    setText(QCoreApplication::translate("canvas", "Add layer"));
}

void AddLayerCommand::redo() { m_model->insert(m_index, m_node); }
void AddLayerCommand::undo() { m_model->remove(m_node.id); }

} // namespace layerlab::widgets::canvas
