// Draws a network the chain of nodes cannot stand for (a graph GraphModel holds): one card per
// layer, laid out left to right by depth (one column per longest path from the input), one
// connection per edge, each labelled with the shape it carries ([batch × 64]). Read-only for
// now: the cards do not move and edits go to the project file or --graph.
// Threading: GUI thread only.
#pragma once

#include "DesignIssue.h"
#include "nn/NetworkSpec.h"

#include <QString>

#include <vector>

class QGraphicsScene;

namespace layerlab::widgets::canvas {

class ConnectionItem;
class LayerItem;

class GraphDrawing {
public:
    /// What the engine bound the graph to on the data (train::boundShapes); empty = not known.
    struct Shapes {
        engine::nn::Shape input;
        std::vector<engine::nn::Shape> layers;
    };
    struct Placed {
        std::vector<LayerItem*> items;             ///< one per spec layer, in list order
        std::vector<ConnectionItem*> connections;  ///< one per edge
        std::vector<int> targets;                  ///< the layer id each edge goes into (its weights, for a dense one)
    };
    /// Column of each layer, the input row being column 0: one more than its deepest source.
    static std::vector<int> columns(const std::vector<std::vector<int>>& sources);
    /// Row of each layer within its column. A layer continues its source's row unless that row
    /// is taken: a branch beside a merge (a residual block's body), a second reader, or a card
    /// already there gets the next free row below, so a skip connection is never hidden behind
    /// the cards it skips. A merge takes the lowest row of its sources.
    static std::vector<int> rows(const std::vector<std::vector<int>>& sources, const std::vector<bool>& merges,
                                 const std::vector<int>& columns);
    /// "[batch × 64]", "[batch × 7 × 16]" for sequences.
    static QString shapeText(const engine::nn::Shape& shape);
    /// Adds the cards and connections to `scene` beside `input` (already placed at the origin).
    /// `issues`: the design's problems, each marked on its layer's card.
    static Placed draw(QGraphicsScene& scene, const engine::nn::NetworkSpec& spec, LayerItem* input, const QString& target,
                       const Shapes& shapes, const std::vector<DesignIssue>& issues, qreal columnPitch);
};

} // namespace layerlab::widgets::canvas
