// What the canvas shows of a network at one moment: each layer's output for the chosen sample,
// each dense layer's weights, and optional per-neuron decision-map thumbnails. Keyed by GraphModel
// node id (0 = the input), so it survives a rebuild of the items and is simply ignored for layers
// whose width no longer matches (the design was edited after the run started).
#pragma once

#include <QHash>
#include <QImage>
#include <QList>

#include <vector>

namespace layerlab::widgets::canvas {

struct NeuronActivity {
    QHash<int, std::vector<float>> values;  ///< node id → one value per neuron
    /// dense node id → weights [inputs × units], row-major (row = input neuron)
    QHash<int, std::vector<float>> weights;
    QHash<int, QList<QImage>> maps;         ///< node id → one thumbnail per neuron (may be empty)
    bool empty() const { return values.isEmpty() && weights.isEmpty() && maps.isEmpty(); }
};

} // namespace layerlab::widgets::canvas
