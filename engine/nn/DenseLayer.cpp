#include "DenseLayer.h"

#include "Kernels.h"

#include <cmath>

namespace layerlab::engine::nn {

DenseLayer::DenseLayer(int inputs, int outputs, Initializer init, std::string name)
    : Layer(inputs, outputs), m_init(init), m_name(std::move(name)) {}

std::vector<ParameterView> DenseLayer::parameterLayout() const {
    return {
        {m_name + ".weight", 0, inputs(), outputs(), 0, true},
        {m_name + ".bias", std::size_t(inputs()) * outputs(), 1, outputs(), 0, false},
    };
}

void DenseLayer::bind(float* params, float* grads) {
    const std::size_t weights = std::size_t(inputs()) * outputs();
    m_w = params;
    m_b = params + weights;
    m_dw = grads;
    m_db = grads + weights;
}

void DenseLayer::initialize(Rng& rng) {
    const std::size_t n = std::size_t(inputs()) * outputs();
    const float fanIn = float(inputs());
    const float fanAvg = 0.5f * float(inputs() + outputs());
    for (std::size_t i = 0; i < n; ++i) {
        switch (m_init) {
        case Initializer::GlorotUniform: { const float a = std::sqrt(3.0f / fanAvg); m_w[i] = rng.uniform(-a, a); break; }
        case Initializer::GlorotNormal: m_w[i] = rng.normal() * std::sqrt(1.0f / fanAvg); break;
        case Initializer::HeUniform: { const float a = std::sqrt(6.0f / fanIn); m_w[i] = rng.uniform(-a, a); break; }
        case Initializer::HeNormal: m_w[i] = rng.normal() * std::sqrt(2.0f / fanIn); break;
        case Initializer::Zeros:
        case Initializer::Auto: m_w[i] = 0.0f; break;
        }
    }
    std::fill(m_b, m_b + outputs(), 0.0f);
}

void DenseLayer::forward(ConstMatrixMap in, MatrixMap out, Mode, Rng&) {
    const ConstMatrixMap w(m_w, inputs(), outputs());
    const ConstRowVectorMap b(m_b, outputs());
    gemm(in, Trans::No, w, Trans::No, out);          // [batch × outputs]
    out.rowwise() += b;
}

void DenseLayer::backward(ConstMatrixMap in, ConstMatrixMap, ConstMatrixMap dOut, MatrixMap dIn) {
    MatrixMap dw(m_dw, inputs(), outputs());
    RowVectorMap db(m_db, outputs());
    // [inputs × outputs] = inᵀ · dOut. Into zeros the optimizer left (it clears each gradient as
    // it reads it), the product adds instead of clearing first: one pass over dW fewer per step.
    gemm(in, Trans::Yes, dOut, Trans::No, dw, gradientsZero() ? 1.0f : 0.0f);
    // Column sums, row by row in a fixed order. (Not Eigen's colwise().sum(): its vectorized
    // partial reduction adds in an order that depends on the buffer's alignment.)
    db.setZero();
    for (Eigen::Index r = 0; r < dOut.rows(); ++r) db += dOut.row(r);
    if (dIn.rows() > 0) {
        const ConstMatrixMap w(m_w, inputs(), outputs());
        gemm(dOut, Trans::No, w, Trans::Yes, dIn);   // [batch × inputs] = dOut · Wᵀ
    }
}

} // namespace layerlab::engine::nn
