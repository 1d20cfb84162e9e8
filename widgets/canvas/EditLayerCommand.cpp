#include "EditLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

EditLayerCommand::EditLayerCommand(GraphModel* model, int layerId, const LayerNode& after, const QString& field)
    : m_model(model), m_layer(layerId), m_before(*model->node(layerId)), m_after(after), m_field(field) {
    m_after.id = layerId;
    setText(QCoreApplication::translate("canvas", "Change %1").arg(field));
}

void EditLayerCommand::redo() { m_model->replace(m_layer, m_after); }
void EditLayerCommand::undo() { m_model->replace(m_layer, m_before); }

bool EditLayerCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const EditLayerCommand*>(other);
    if (o->m_layer != m_layer || o->m_field != m_field) return false;
    m_after = o->m_after;
    return true;
}

} // namespace layerlab::widgets::canvas
