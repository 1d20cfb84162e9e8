#include "LayerNode.h"

namespace layerlab::engine::design {

LayerNode LayerNode::dense(int units, std::optional<nn::Activation> activation) {
    LayerNode n;
    n.units = units;
    n.activation = activation;
    return n;
}

bool LayerNode::sameSettings(const LayerNode& o) const {
    LayerNode a = *this, b = o;
    for (LayerNode* n : {&a, &b}) {
        n->from.clear();
        n->placed = false;
        n->x = n->y = 0;
    }
    return a == b;
}

} // namespace layerlab::engine::design
