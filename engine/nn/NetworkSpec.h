// The network spec: a directed acyclic graph of layers and their settings, as a versioned JSON
// document. The GUI edits this same document; the CLI builds it from flags. It holds no weights.
// Layers are listed in an order where each reads only earlier ones (a topological order: the one
// order the engine runs them in); a layer without `from` reads the previous one, so a chain needs
// no edges. The last layer is the output.
#pragma once

#include "Activation.h"
#include "core/Error.h"
#include "core/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::nn {

/// Add and Concat are merges (several inputs: a residual sum, or the widths side by side);
/// BatchNorm and LayerNorm normalize plain rows (BatchNorm keeps running statistics as state);
/// Select reads a group of the input row's columns (a branch of a wide-and-deep model).
enum class LayerType { Dense, Activation, Dropout, Embedding, Recurrent, Add, Concat, BatchNorm, LayerNorm, Select };
/// The recurrent cell: Elman tanh RNN, GRU (PyTorch's form: reset applied after the recurrent
/// product) or LSTM.
enum class Cell { Rnn, Gru, Lstm };
enum class Initializer { Auto, GlorotUniform, GlorotNormal, HeUniform, HeNormal, Zeros };

/// One factor input of an Embedding layer: the input column holding the level index, how many
/// levels (the unknown bucket included) and how many learned values replace it.
struct EmbeddingColumn {
    int position = 0;
    int levels = 1;
    int dims = 1;
    bool operator==(const EmbeddingColumn&) const = default;
};

struct LayerSpec {
    LayerType type = LayerType::Dense;
    int id = 0;                                 ///< stable id for the GUI graph model; 0 = unassigned
    int units = 0;                              ///< Dense and Recurrent; 0 on the last Dense = "set from the target"; Embedding in a graph: dims (0 = each column's own)
    Initializer init = Initializer::Auto;       ///< Dense only; Auto = He before ReLU-like, Glorot otherwise
    Activation activation = Activation::Relu;   ///< Activation only
    float rate = 0.5f;                          ///< Dropout only: probability of dropping a value
    /// Embedding only (first layer): the index columns it replaces by learned vectors, by position.
    std::vector<EmbeddingColumn> columns;
    Cell cell = Cell::Gru;                      ///< Recurrent only
    bool sequences = false;                     ///< Recurrent only: every step's state, or the last
    bool bidirectional = false;                 ///< Recurrent only: a second pass from the end
    /// Ids of the layers this one reads, in order; kInput is the network's input row. Empty: the
    /// previous layer in the list (the input for the first). Merges need two or more.
    std::vector<int> from;
    std::string name;                           ///< optional, a graph statement's name ("h1")
    /// Select only: the input columns it reads, by name (as the user wrote them), and the input
    /// row's positions they encode to, in order (set from the data when a run binds the spec).
    std::vector<std::string> select;
    std::vector<int> positions;

    static LayerSpec dense(int units, Initializer init = Initializer::Auto);
    static LayerSpec act(Activation a);
    static LayerSpec dropout(float rate);
    static LayerSpec embedding(std::vector<EmbeddingColumn> columns);
    static LayerSpec recurrent(Cell cell, int units, bool sequences = false, bool bidirectional = false);
    /// A layer of a parameter-free or normalizing kind (Add, Concat, BatchNorm, LayerNorm).
    static LayerSpec of(LayerType type, std::vector<int> from = {});
    static constexpr int kInput = 0; ///< in `from`: the network's input row (no layer has id 0 in a graph)
    static bool isMerge(LayerType type) { return type == LayerType::Add || type == LayerType::Concat; }
    bool operator==(const LayerSpec&) const = default;
};

/// A design problem at one layer (its list position), so the canvas can mark that layer.
class LayerError : public SpecError {
public:
    LayerError(std::size_t layer, const std::string& what) : SpecError(what), m_layer(layer) {}
    std::size_t layer() const { return m_layer; }

private:
    std::size_t m_layer;
};

/// The shape of the values between two layers: `steps` time steps of `width / steps` features
/// each, stored step after step in one row (steps = 1 for plain rows).
struct Shape {
    int steps = 1;
    int width = 0;
    int features() const { return width / steps; }
};

struct NetworkSpec {
    static constexpr int kVersion = 2; ///< 2: graphs (from), merges and normalization (1 still reads)
    static constexpr double kMaxParameters = double(1 << 28); ///< 1 GiB of float32 weights
    int inputs = 0; ///< width of the input row; set from the data when 0
    /// Time steps in an input row (a sequence input from the data; 1 = plain rows). Set from the
    /// data like `inputs`.
    int steps = 1;
    /// Padded sequences: an input step whose features are all zero is padding, skipped by every
    /// recurrent layer (set from the data for character sequences).
    bool masked = false;
    std::vector<LayerSpec> layers;

    /// Dense(h) + activation for each hidden width, then a Dense output layer of `outputs` units.
    static NetworkSpec mlp(int inputs, const std::vector<int>& hidden, Activation activation, int outputs);

    /// Width after each layer; throws SpecError naming the layer when a shape cannot work.
    std::vector<int> shapes() const;
    /// Steps and width after each layer; throws like shapes().
    std::vector<Shape> sequenceShapes() const;
    /// The same, noting each layer's problem in `problems` instead of throwing: such a layer, and
    /// what reads it, has an unknown shape (width 0); the others are still known (the canvas labels
    /// them). Problems of the whole network (no inputs, no layers) still throw.
    std::vector<Shape> sequenceShapes(std::vector<LayerError>* problems) const;
    bool hasRecurrent() const;
    /// Per layer, the list positions of the layers it reads (kInputSource for the input row).
    /// Throws SpecError naming the layer for an unknown id or one that is not listed earlier.
    std::vector<std::vector<int>> sources() const;
    static constexpr int kInputSource = -1;
    /// Each layer reads the one before it and only it (what every chain-only reader can take).
    bool isChain() const;
    /// A readable name for layer i in messages: its name, else "layer N (type)".
    std::string describe(std::size_t i) const;
    int outputs() const;
    /// Puts `first` in front of every layer: what read the input row reads it instead (the
    /// embedding a run adds for index-encoded factors). In a graph it gets an unused id.
    void prepend(LayerSpec first);
    /// Fills inputs and an "auto" (0-unit) last Dense layer; throws if they conflict.
    void bind(int inputWidth, int outputWidth, int inputSteps = 1, bool inputMasked = false);

    Json toJson() const;
    /// Throws SpecError with the JSON path of the first bad value.
    static NetworkSpec fromJson(const Json& json);
    bool operator==(const NetworkSpec&) const = default;
};

std::string_view layerTypeName(LayerType t);
std::string_view initializerName(Initializer i);
std::optional<Initializer> initializerFromName(std::string_view name);
std::string_view cellName(Cell c);
std::optional<Cell> cellFromName(std::string_view name);

} // namespace layerlab::engine::nn
