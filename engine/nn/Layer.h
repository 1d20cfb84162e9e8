// One layer of a network: owns its matrices (as views into the network's flat buffers) and runs
// forward/backward on whole batches. No per-neuron objects anywhere.
// Threading: a layer is used by one training thread at a time; kernels inside may fan out via TBB.
#pragma once

#include "core/Rng.h"
#include "core/Tensor.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace layerlab::engine::nn {

enum class Mode { Train, Inference };

/// A named slice of the network's flat parameter buffer ([rows × cols], row-major).
struct ParameterView {
    std::string name;      ///< e.g. "dense1.weight"
    std::size_t offset = 0;
    int rows = 0;
    int cols = 0;
    int layer = 0;         ///< index of the owning layer
    bool isWeight = false; ///< weights get L1/L2 and weight decay; biases do not
    std::size_t size() const { return std::size_t(rows) * std::size_t(cols); }
};

class Layer {
public:
    Layer(int inputs, int outputs) : m_inputs(inputs), m_outputs(outputs) {}
    virtual ~Layer() = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;

    int inputs() const { return m_inputs; }
    int outputs() const { return m_outputs; }

    /// Parameter slices this layer needs, with offsets relative to the layer's own block.
    virtual std::vector<ParameterView> parameterLayout() const { return {}; }
    /// Points the layer at its block of the flat parameter and gradient buffers.
    virtual void bind(float* /*params*/, float* /*grads*/) {}
    /// Non-trained state (BatchNorm's running statistics): slices of the network's state buffer,
    /// which the optimizer never sees; saved with the model like the parameters.
    virtual std::vector<ParameterView> stateLayout() const { return {}; }
    virtual void bindState(float* /*state*/) {}
    virtual void initialize(Rng& /*rng*/) {}
    /// Grows per-batch scratch (dropout masks) so later steps do not allocate.
    virtual void reserve(int /*maxBatch*/) {}

    /// out = f(in). in: [batch × inputs], out: [batch × outputs].
    virtual void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) = 0;
    /// Writes parameter gradients (overwriting) and, if dIn has rows, dLoss/dIn.
    virtual void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) = 0;

    /// Merges (Add, Concatenate) read several inputs through these; the network calls them, not
    /// the one-input forms, for a merge. dIns[k] has no rows where that gradient is not needed.
    virtual void forwardMerge(std::span<const ConstMatrixMap> /*ins*/, MatrixMap /*out*/) {}
    virtual void backwardMerge(ConstMatrixMap /*dOut*/, std::span<MatrixMap> /*dIns*/) {}

    /// Set by the network before backward: the layer's gradient block is all zeros already, so a
    /// layer may add its gradients into it instead of clearing it first (0 + x is x: same bits).
    void setGradientsZero(bool zero) { m_gradientsZero = zero; }

protected:
    bool gradientsZero() const { return m_gradientsZero; }

private:
    int m_inputs;
    int m_outputs;
    bool m_gradientsZero = false;
};

} // namespace layerlab::engine::nn
