// Normalization of plain rows, then a learned scale (gamma) and shift (beta) per column.
//   BatchNorm: each column over the batch while training (its mean and biased variance), and
//              running estimates of both (momentum 0.1, unbiased variance, PyTorch's rule) kept as
//              state and used at inference. Column sums run row by row in a fixed order, so the
//              statistics do not depend on the thread count.
//   LayerNorm: each row over its columns, the same in training and at inference.
// Threading: one training thread; the sums are sequential (they are a small share of a step).
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

#include <string>
#include <vector>

namespace layerlab::engine::nn {

class NormLayer final : public Layer {
public:
    static constexpr float kEpsilon = 1e-5f;
    static constexpr float kMomentum = 0.1f;
    /// `type` BatchNorm or LayerNorm.
    NormLayer(LayerType type, int width, std::string name);

    LayerType type() const { return m_type; }
    std::vector<ParameterView> parameterLayout() const override;
    void bind(float* params, float* grads) override;
    std::vector<ParameterView> stateLayout() const override;
    void bindState(float* state) override;
    void initialize(Rng& rng) override;
    void reserve(int maxBatch) override;
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

private:
    LayerType m_type;
    std::string m_name;
    float* m_gamma = nullptr;
    float* m_beta = nullptr;
    float* m_dGamma = nullptr;
    float* m_dBeta = nullptr;
    float* m_runningMean = nullptr; // BatchNorm only
    float* m_runningVar = nullptr;
    Mode m_lastMode = Mode::Inference;
    // The last forward's statistics, per column (BatchNorm) or per row (LayerNorm).
    std::vector<float> m_mean, m_invStd;
};

} // namespace layerlab::engine::nn
