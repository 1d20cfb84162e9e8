// The network spec: an ordered list of layers and their settings, as a versioned JSON document.
// The GUI edits this same document; the CLI builds it from flags. It holds no weights.
#pragma once

#include "Activation.h"
#include "core/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::nn {

enum class LayerType { Dense, Activation, Dropout, Embedding, Recurrent };
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
    int units = 0;                              ///< Dense and Recurrent; 0 on the last Dense = "set from the target"
    Initializer init = Initializer::Auto;       ///< Dense only; Auto = He before ReLU-like, Glorot otherwise
    Activation activation = Activation::Relu;   ///< Activation only
    float rate = 0.5f;                          ///< Dropout only: probability of dropping a value
    /// Embedding only (first layer): the index columns it replaces by learned vectors, by position.
    std::vector<EmbeddingColumn> columns;
    Cell cell = Cell::Gru;                      ///< Recurrent only
    bool sequences = false;                     ///< Recurrent only: every step's state, or the last
    bool bidirectional = false;                 ///< Recurrent only: a second pass from the end

    static LayerSpec dense(int units, Initializer init = Initializer::Auto);
    static LayerSpec act(Activation a);
    static LayerSpec dropout(float rate);
    static LayerSpec embedding(std::vector<EmbeddingColumn> columns);
    static LayerSpec recurrent(Cell cell, int units, bool sequences = false, bool bidirectional = false);
    bool operator==(const LayerSpec&) const = default;
};

/// The shape of the values between two layers: `steps` time steps of `width / steps` features
/// each, stored step after step in one row (steps = 1 for plain rows).
struct Shape {
    int steps = 1;
    int width = 0;
    int features() const { return width / steps; }
};

struct NetworkSpec {
    static constexpr int kVersion = 1;
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
    bool hasRecurrent() const;
    int outputs() const;
    /// Fills inputs and an "auto" (0-unit) last Dense layer; throws if they conflict.
    void bind(int inputWidth, int outputWidth, int inputSteps = 1, bool inputMasked = false);

    Json toJson() const;
    /// Throws SpecError with the JSON path of the first bad value.
    static NetworkSpec fromJson(const Json& json);
    bool operator==(const NetworkSpec&) const = default;
};

std::string_view layerTypeName(LayerType t);
std::string_view initializerName(Initializer i);
std::string_view cellName(Cell c);
std::optional<Cell> cellFromName(std::string_view name);

} // namespace layerlab::engine::nn
