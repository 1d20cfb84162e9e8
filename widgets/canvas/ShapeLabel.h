// The shape a connection carries ("[batch × 32]"), written beside its line: above the cards when
// both ends sit in one row (a chain, a graph's straight run), else at the line's middle.
// Threading: GUI thread only.
#pragma once

#include "nn/NetworkSpec.h"

class QGraphicsScene;
class QGraphicsSimpleTextItem;

namespace layerlab::widgets::canvas {

class LayerItem;

class ShapeLabel {
public:
    static QGraphicsSimpleTextItem* add(QGraphicsScene& scene, const LayerItem* from, const LayerItem* to,
                                        const engine::nn::Shape& shape, bool oneRow);
};

} // namespace layerlab::widgets::canvas
