// The design graph, headless (no Qt): what the canvas draws and edits, the same graph the CLI's
// --graph and a project file hold as a NetworkSpec (DesignGraph converts both ways).
// One layer as the workbench shows it: a dense layer with the activation and dropout that follow
// it, or a standalone activation / dropout layer, a recurrent layer, a norm, a merge (Add,
// Concatenate), an embedding, or a group of the input's columns. The engine's spec keeps a dense
// layer's activation and dropout as separate layers; GraphModel groups them so the canvas and the
// inspector show what a person thinks of as "a layer of 64 ReLU neurons".
// A node reads the nodes listed in `from` by id (0 = the input row): the graph is held by id,
// as QtNodes does, and the canvas never joins layers by their place in a list.
#pragma once

#include "nn/NetworkSpec.h"

#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::design {

enum class NodeKind { Dense, Activation, Dropout, Rnn, Gru, Lstm, BatchNorm, LayerNorm, Add, Concat, Embedding, Columns };

/// The recurrent kinds and their engine cells.
inline bool isRecurrent(NodeKind k) { return k == NodeKind::Rnn || k == NodeKind::Gru || k == NodeKind::Lstm; }
inline nn::Cell cellOf(NodeKind k) {
    return k == NodeKind::Rnn ? nn::Cell::Rnn : k == NodeKind::Lstm ? nn::Cell::Lstm : nn::Cell::Gru;
}
/// Kinds that read several nodes (every other kind reads exactly one; Columns reads the input).
inline bool isMerge(NodeKind k) { return k == NodeKind::Add || k == NodeKind::Concat; }

/// The kind as its card is titled ("Dense", "Concatenate", "Columns"): messages name layers so.
std::string kindName(NodeKind k);

struct LayerNode {
    int id = 0;
    NodeKind kind = NodeKind::Dense;
    int units = 16;                                      ///< Dense: 0 on the output = from the target; Embedding: dims (0 = each column's own)
    nn::Initializer init = nn::Initializer::Auto; ///< Dense
    std::optional<nn::Activation> activation;    ///< Dense: after it (none = linear); Activation: the function
    float dropout = 0.0f;                                ///< Dense: rate after it (0 = none); Dropout: the rate
    bool sequences = false;                              ///< Recurrent: pass every step on (else the last state)
    bool bidirectional = false;                          ///< Recurrent: also read the sequence backwards
    /// Ids of the nodes it reads, in order (0 = the input row). Empty on a node not yet in a
    /// model: GraphModel links it where it is inserted.
    std::vector<int> from;
    std::string name;                                    ///< a graph statement's name ("h1"), kept for the file
    std::vector<std::string> columns;                    ///< Columns: the input columns it reads, by name
    std::vector<int> positions;                          ///< Columns: their encoded positions (set by a run; cleared on edit)
    std::vector<nn::EmbeddingColumn> embedded;   ///< Embedding written with its columns (a first layer in a file)
    /// Dense in a graph: the spec ids of the Activation and Dropout layers written after it (the
    /// layers other nodes read); assigned by GraphModel, stable across edits.
    int activationId = 0;
    int dropoutId = 0;
    /// Where the user put it on a graph's canvas; unplaced nodes are laid out (Tidy clears all).
    bool placed = false;
    double x = 0, y = 0;

    static LayerNode dense(int units, std::optional<nn::Activation> activation = nn::Activation::Relu);
    /// Same layer settings, wherever it sits and whatever it reads (what the inspector compares).
    bool sameSettings(const LayerNode& o) const;
    bool operator==(const LayerNode&) const = default;
};

} // namespace layerlab::engine::design
