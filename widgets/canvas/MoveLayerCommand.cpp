#include "MoveLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

MoveLayerCommand::MoveLayerCommand(GraphModel* model, int layerId, int toIndex)
    : m_model(model), m_id(layerId), m_from(model->indexOf(layerId)), m_to(toIndex) {
    setText(QCoreApplication::translate("canvas", "Move layer"));
}

void MoveLayerCommand::redo() { m_model->move(m_id, m_to); }
void MoveLayerCommand::undo() { m_model->move(m_id, m_from); }

} // namespace layerlab::widgets::canvas
