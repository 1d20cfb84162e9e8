// The sequence half of the ONNX export: a character column's input and RNN / GRU / LSTM layers
// as ONNX's own RNN, GRU and LSTM operators (GRU with linear_before_reset = 1, the engine's and
// PyTorch's form; layout 0, i.e. [steps, batch, features], the one ONNX Runtime implements).
// Between layers the exporter keeps values flat, [N, steps·features] as in the engine; this class
// turns them into [steps, N, features] for an operator and back.
// Padded character steps become the operators' sequence_lens: the engine skips padded steps the
// same way (state carried, zeros out), which equals ONNX's rule when padding comes last, as it does.
#pragma once

#include "OnnxGraph.h"

#include "data/CharacterEncoder.h"
#include "nn/NetworkSpec.h"

#include <span>
#include <string>

namespace layerlab::exporters {

class OnnxRecurrent {
public:
    explicit OnnxRecurrent(OnnxGraph& graph) : m_g(graph) {}

    /// Graph input named as the column: [N, length] strings, one character per cell, "" after the
    /// text's end. Returns the flat one-hot value [N, length·(alphabet + 1)] and sets `lens` to the
    /// int32 [N] count of non-empty cells.
    std::string characters(const engine::data::CharacterEncoder& chars, std::string& lens);

    /// One recurrent layer over flat `x` ([N, steps·features]); returns its flat output.
    /// `params` is the layer's block of the model's parameters (RecurrentLayer's layout).
    /// `lens` may be empty (no masking).
    std::string layer(const engine::nn::LayerSpec& spec, int steps, int features, std::span<const float> params,
                      const std::string& x, const std::string& lens);

private:
    std::string reshape(const std::string& x, std::vector<std::int64_t> shape, const std::string& hint);
    std::string transpose(const std::string& x, std::vector<std::int64_t> perm, const std::string& hint);

    OnnxGraph& m_g;
};

} // namespace layerlab::exporters
