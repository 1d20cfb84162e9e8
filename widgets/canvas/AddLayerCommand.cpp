#include "AddLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

namespace {
LayerNode withId(GraphModel* model, LayerNode node) {
    if (node.id == 0 || model->indexOf(node.id) >= 0) node.id = model->nextId();
    return node;
}
} // namespace

AddLayerCommand::AddLayerCommand(GraphModel* model, int index, LayerNode node)
    : GraphEditCommand(model, QCoreApplication::translate("canvas", "Add layer"),
                       [index, node = withId(model, node)](GraphModel& m) { m.insert(index, node); }),
      m_id(withId(model, node).id) {}

} // namespace layerlab::widgets::canvas
