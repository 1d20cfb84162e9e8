// The canvas draws the engine's headless design graph (engine/design): its nodes and edits are
// named here as the canvas's own.
#pragma once

#include "design/GraphEdits.h"
#include "design/LayerNode.h"

namespace layerlab::widgets::canvas {

using engine::design::cellOf;
using engine::design::GraphEdits;
using engine::design::isMerge;
using engine::design::isRecurrent;
using engine::design::LayerNode;
using engine::design::NodeKind;

} // namespace layerlab::widgets::canvas
