#include "CanvasActivity.h"

namespace layerlab::app::training {

using widgets::canvas::LayerNode;
using widgets::canvas::NodeKind;

std::vector<CanvasActivity::NodeLayers> CanvasActivity::layout(const std::vector<LayerNode>& nodes, int first) {
    // Mirrors GraphModel::toSpec (chains and graphs list the layers alike): a dense node is
    // Dense [+ Activation] [+ Dropout], every other node one layer.
    std::vector<NodeLayers> out;
    int i = first;
    for (const LayerNode& n : nodes) {
        NodeLayers l{n.id, i, -1};
        if (n.kind == NodeKind::Dense) {
            l.dense = i++;
            if (n.activation) ++i;
            l.output = i - 1;
            if (n.dropout > 0.0f) ++i;
        } else {
            ++i;
        }
        out.push_back(l);
    }
    return out;
}

widgets::canvas::NeuronActivity CanvasActivity::build(const std::vector<NodeLayers>& layers, const Activity* activity,
                                                      const MapPicture* map) {
    widgets::canvas::NeuronActivity a;
    if (activity) {
        a.values.insert(0, activity->input);
        const auto& params = activity->parameters->values;
        for (const auto& l : layers) {
            if (l.output >= 0 && std::size_t(l.output) < activity->sample.size()) a.values.insert(l.id, activity->sample[std::size_t(l.output)]);
            for (const auto& v : activity->views)
                if (v.layer == l.dense && v.isWeight && v.offset + v.size() <= params.size())
                    a.weights.insert(l.id, std::vector<float>(params.begin() + std::ptrdiff_t(v.offset),
                                                              params.begin() + std::ptrdiff_t(v.offset + v.size())));
        }
    }
    if (map)
        for (const auto& l : layers)
            if (map->neurons.contains(l.output)) a.maps.insert(l.id, map->neurons.value(l.output));
    return a;
}

} // namespace layerlab::app::training
