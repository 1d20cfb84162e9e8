// One layer as the workbench shows it: a dense layer with the activation and dropout that follow
// it, or a standalone activation / dropout layer. The engine's spec keeps these as separate
// layers; GraphModel groups them so the canvas and the inspector show what a person thinks of as
// "a layer of 64 ReLU neurons". Recurrent layers (SimpleRNN, GRU, LSTM) are one node each.
#pragma once

#include "nn/NetworkSpec.h"

#include <optional>

namespace layerlab::widgets::canvas {

enum class NodeKind { Dense, Activation, Dropout, Rnn, Gru, Lstm, BatchNorm, LayerNorm };

/// The recurrent kinds and their engine cells.
inline bool isRecurrent(NodeKind k) { return k == NodeKind::Rnn || k == NodeKind::Gru || k == NodeKind::Lstm; }
inline engine::nn::Cell cellOf(NodeKind k) {
    return k == NodeKind::Rnn ? engine::nn::Cell::Rnn : k == NodeKind::Lstm ? engine::nn::Cell::Lstm : engine::nn::Cell::Gru;
}

struct LayerNode {
    int id = 0;
    NodeKind kind = NodeKind::Dense;
    int units = 16;                                      ///< Dense: 0 on the output = from the target
    engine::nn::Initializer init = engine::nn::Initializer::Auto; ///< Dense
    std::optional<engine::nn::Activation> activation;    ///< Dense: after it (none = linear); Activation: the function
    float dropout = 0.0f;                                ///< Dense: rate after it (0 = none); Dropout: the rate
    bool sequences = false;                              ///< Recurrent: pass every step on (else the last state)
    bool bidirectional = false;                          ///< Recurrent: also read the sequence backwards

    static LayerNode dense(int units, std::optional<engine::nn::Activation> activation = engine::nn::Activation::Relu);
    bool operator==(const LayerNode&) const = default;
};

} // namespace layerlab::widgets::canvas
