// Fully connected layer: out = in · W + b. W [inputs × outputs], b [1 × outputs].
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

namespace layerlab::engine::nn {

class DenseLayer final : public Layer {
public:
    /// `init` must be resolved (not Auto).
    DenseLayer(int inputs, int outputs, Initializer init, std::string name);

    std::vector<ParameterView> parameterLayout() const override;
    void bind(float* params, float* grads) override;
    void initialize(Rng& rng) override;
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

private:
    Initializer m_init;
    std::string m_name;
    float* m_w = nullptr;  // [inputs × outputs]
    float* m_b = nullptr;  // [1 × outputs]
    float* m_dw = nullptr; // [inputs × outputs]
    float* m_db = nullptr; // [1 × outputs]
};

} // namespace layerlab::engine::nn
