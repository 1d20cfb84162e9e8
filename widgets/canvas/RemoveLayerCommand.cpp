#include "RemoveLayerCommand.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

RemoveLayerCommand::RemoveLayerCommand(GraphModel* model, int layerId)
    : GraphEditCommand(model, QCoreApplication::translate("canvas", "Remove layer"), [layerId](GraphModel& m) { m.remove(layerId); }) {}

} // namespace layerlab::widgets::canvas
