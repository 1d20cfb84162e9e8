// Draws a network the chain of nodes cannot stand for (a graph GraphModel holds): one card per
// layer, laid out left to right by depth (one column per longest path from the input), one
// connection per edge, each labelled with the shape it carries ([batch × 64]). Read-only for
// now: the cards do not move and edits go to the project file or --graph.
// Threading: GUI thread only.
#pragma once

#include "nn/NetworkSpec.h"

#include <QString>

#include <vector>

class QGraphicsScene;

namespace layerlab::widgets::canvas {

class ConnectionItem;
class LayerItem;

class GraphDrawing {
public:
    struct Placed {
        std::vector<LayerItem*> items;             ///< one per spec layer, in list order
        std::vector<ConnectionItem*> connections;  ///< one per edge
        std::vector<int> targets;                  ///< the layer id each edge goes into (its weights, for a dense one)
    };
    /// Column of each layer, the input row being column 0: one more than its deepest source.
    static std::vector<int> columns(const std::vector<std::vector<int>>& sources);
    /// "[batch × 64]", "[batch × 7 × 16]" for sequences.
    static QString shapeText(const engine::nn::Shape& shape);
    /// Adds the cards and connections to `scene` beside `input` (already placed at the origin).
    /// `inputWidth` and `outputUnits` (0 = unknown) size the shapes when the data is known.
    static Placed draw(QGraphicsScene& scene, const engine::nn::NetworkSpec& spec, LayerItem* input, const QString& target,
                       int inputWidth, int outputUnits, qreal columnPitch);
};

} // namespace layerlab::widgets::canvas
