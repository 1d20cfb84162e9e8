// Lays out a graph of layer nodes left to right (a layered, Sugiyama-style drawing): one column
// per longest path from the input, rows chosen so a skip connection never hides behind the cards
// it skips. Where the user has not placed a card, and everything after Tidy, goes here.
// Threading: any thread (pure functions).
#pragma once

#include "LayerNode.h"
#include "nn/NetworkSpec.h"

#include <QPointF>
#include <QString>

#include <vector>

namespace layerlab::widgets::canvas {

class GraphDrawing {
public:
    /// What the engine bound the network to on the data (train::boundShapes), per spec layer of
    /// GraphModel::toSpec(); empty = not known.
    struct Shapes {
        engine::nn::Shape input;
        std::vector<engine::nn::Shape> layers;
    };
    /// Per node, the list positions of the nodes it reads (-1 = the input row).
    static std::vector<std::vector<int>> sources(const std::vector<LayerNode>& nodes);
    /// Column of each layer, the input row being column 0: one more than its deepest source.
    static std::vector<int> columns(const std::vector<std::vector<int>>& sources);
    /// Row of each layer within its column. A layer continues its source's row unless that row
    /// is taken: a branch beside a merge (a residual block's body), a second reader, or a card
    /// already there gets the next free row below, so a skip connection is never hidden behind
    /// the cards it skips. A merge takes the lowest row of its sources.
    static std::vector<int> rows(const std::vector<std::vector<int>>& sources, const std::vector<bool>& merges,
                                 const std::vector<int>& columns);
    /// Where each node goes, the input row being at the origin.
    static std::vector<QPointF> positions(const std::vector<LayerNode>& nodes, qreal columnPitch, qreal rowPitch);
    /// "[batch × 64]", "[batch × 7 × 16]" for sequences.
    static QString shapeText(const engine::nn::Shape& shape);
};

} // namespace layerlab::widgets::canvas
