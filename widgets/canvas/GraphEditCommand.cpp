#include "GraphEditCommand.h"

namespace layerlab::widgets::canvas {

GraphEditCommand::GraphEditCommand(GraphModel* model, const QString& text, std::function<void(GraphModel&)> edit)
    : m_model(model), m_edit(std::move(edit)), m_before(model->nodes()) {
    setText(text);
}

void GraphEditCommand::redo() {
    if (m_after) return m_model->setNodes(*m_after);
    m_edit(*m_model);
    m_after = m_model->nodes();
}

void GraphEditCommand::undo() { m_model->setNodes(m_before); }

} // namespace layerlab::widgets::canvas
