// Puts an inspection result on the canvas: which spec layer each canvas node shows (a dense node
// shows its output after its own activation), the sample's values per node, each dense node's
// weights and the per-neuron map thumbnails. Uses the nodes as they were when the run started.
#pragma once

#include "Inspection.h"
#include "canvas/LayerNode.h"
#include "canvas/NeuronActivity.h"

#include <vector>

namespace layerlab::app::training {

class CanvasActivity {
public:
    struct NodeLayers {
        int id = 0;
        int output = -1; ///< spec layer whose output the node shows
        int dense = -1;  ///< the node's dense layer (for weights), -1 for other kinds
    };
    /// `first`: spec layers the run put before the drawn ones (an Embedding layer for factors).
    static std::vector<NodeLayers> layout(const std::vector<widgets::canvas::LayerNode>& nodes, int first = 0);
    /// `activity` and `map` may be null.
    static widgets::canvas::NeuronActivity build(const std::vector<NodeLayers>& layers, const Activity* activity, const MapPicture* map);
    static widgets::canvas::NeuronActivity build(const std::vector<widgets::canvas::LayerNode>& nodes, int first,
                                                 const Activity* activity, const MapPicture* map) {
        return build(layout(nodes, first), activity, map);
    }
};

} // namespace layerlab::app::training
