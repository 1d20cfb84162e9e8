#include "MoveLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

MoveLayerCommand::MoveLayerCommand(GraphModel* model, int layerId, int toIndex)
    : GraphEditCommand(model, QCoreApplication::translate("canvas", "Move layer"),
                       [layerId, toIndex](GraphModel& m) { m.move(layerId, toIndex); }) {}

} // namespace layerlab::widgets::canvas
