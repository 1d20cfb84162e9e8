// A merge of several inputs: Add (element-wise sum, a residual connection: the shapes agree) or
// Concatenate (the inputs' columns side by side, in the order of the connections). No parameters.
// Sums run in the connection order, so the bits do not depend on anything but the graph.
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

#include <vector>

namespace layerlab::engine::nn {

class MergeLayer final : public Layer {
public:
    /// `widths`: each input's width; `type` Add or Concat.
    MergeLayer(LayerType type, std::vector<int> widths);

    const std::vector<int>& widths() const { return m_widths; }
    void forwardMerge(std::span<const ConstMatrixMap> ins, MatrixMap out) override;
    void backwardMerge(ConstMatrixMap dOut, std::span<MatrixMap> dIns) override;
    /// A merge has no one-input form; the network never calls these for it.
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

private:
    LayerType m_type;
    std::vector<int> m_widths;
};

} // namespace layerlab::engine::nn
