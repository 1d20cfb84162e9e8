#include "DropoutLayer.h"

namespace layerlab::engine::nn {

void DropoutLayer::reserve(int maxBatch) {
    const std::size_t n = std::size_t(maxBatch) * outputs();
    if (m_mask.size() < n) m_mask.resize(n, 1.0f);
}

void DropoutLayer::forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) {
    const std::size_t n = std::size_t(in.rows()) * in.cols();
    if (mode == Mode::Inference || m_rate == 0.0f) {
        out = in;
        return;
    }
    reserve(static_cast<int>(in.rows()));
    const float keep = 1.0f - m_rate;
    const float scale = 1.0f / keep;
    for (std::size_t i = 0; i < n; ++i) m_mask[i] = rng.uniform() < keep ? scale : 0.0f;
    const ConstMatrixMap mask(m_mask.data(), in.rows(), in.cols());
    out = in.cwiseProduct(mask);
}

void DropoutLayer::backward(ConstMatrixMap, ConstMatrixMap, ConstMatrixMap dOut, MatrixMap dIn) {
    if (dIn.rows() == 0) return;
    if (m_rate == 0.0f) {
        dIn = dOut;
        return;
    }
    const ConstMatrixMap mask(m_mask.data(), dOut.rows(), dOut.cols());
    dIn = dOut.cwiseProduct(mask);
}

} // namespace layerlab::engine::nn
