#include "LayerNode.h"

namespace layerlab::engine::design {

std::string kindName(NodeKind k) {
    switch (k) {
    case NodeKind::Dense: return "Dense";
    case NodeKind::Activation: return "Activation";
    case NodeKind::Dropout: return "Dropout";
    case NodeKind::Rnn: return "SimpleRNN";
    case NodeKind::Gru: return "GRU";
    case NodeKind::Lstm: return "LSTM";
    case NodeKind::BatchNorm: return "BatchNorm";
    case NodeKind::LayerNorm: return "LayerNorm";
    case NodeKind::Add: return "Add";
    case NodeKind::Concat: return "Concatenate";
    case NodeKind::Embedding: return "Embedding";
    case NodeKind::Columns: return "Columns";
    }
    return "layer";
}

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
