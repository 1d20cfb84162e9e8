#include "NormLayer.h"

#include <algorithm>
#include <cmath>

namespace layerlab::engine::nn {

NormLayer::NormLayer(LayerType type, int width, std::string name) : Layer(width, width), m_type(type), m_name(std::move(name)) {}

std::vector<ParameterView> NormLayer::parameterLayout() const {
    return {{m_name + ".gamma", 0, 1, outputs(), 0, false}, {m_name + ".beta", std::size_t(outputs()), 1, outputs(), 0, false}};
}

void NormLayer::bind(float* params, float* grads) {
    m_gamma = params;
    m_beta = params + outputs();
    m_dGamma = grads;
    m_dBeta = grads + outputs();
}

std::vector<ParameterView> NormLayer::stateLayout() const {
    if (m_type != LayerType::BatchNorm) return {};
    return {{m_name + ".running_mean", 0, 1, outputs(), 0, false},
            {m_name + ".running_var", std::size_t(outputs()), 1, outputs(), 0, false}};
}

void NormLayer::bindState(float* state) {
    if (m_type != LayerType::BatchNorm) return;
    m_runningMean = state;
    m_runningVar = state + outputs();
}

void NormLayer::initialize(Rng&) {
    std::fill(m_gamma, m_gamma + outputs(), 1.0f);
    std::fill(m_beta, m_beta + outputs(), 0.0f);
    if (m_runningMean) {
        std::fill(m_runningMean, m_runningMean + outputs(), 0.0f);
        std::fill(m_runningVar, m_runningVar + outputs(), 1.0f);
    }
}

void NormLayer::reserve(int maxBatch) {
    const std::size_t n = m_type == LayerType::BatchNorm ? std::size_t(outputs()) : std::size_t(maxBatch);
    if (m_mean.size() < n) m_mean.resize(n), m_invStd.resize(n);
}

void NormLayer::forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng&) {
    const Eigen::Index rows = in.rows(), cols = in.cols();
    reserve(int(rows));
    m_lastMode = mode;
    if (m_type == LayerType::BatchNorm) {
        if (mode == Mode::Inference) {
            for (Eigen::Index c = 0; c < cols; ++c) {
                m_mean[std::size_t(c)] = m_runningMean[c];
                m_invStd[std::size_t(c)] = 1.0f / std::sqrt(m_runningVar[c] + kEpsilon);
            }
        } else {
            // Column sums row by row (double: a fixed order and no loss on long batches).
            std::vector<double> sum(std::size_t(cols), 0.0), square(std::size_t(cols), 0.0);
            for (Eigen::Index r = 0; r < rows; ++r)
                for (Eigen::Index c = 0; c < cols; ++c) sum[std::size_t(c)] += in(r, c);
            for (Eigen::Index c = 0; c < cols; ++c) sum[std::size_t(c)] /= double(rows);
            for (Eigen::Index r = 0; r < rows; ++r)
                for (Eigen::Index c = 0; c < cols; ++c) {
                    const double d = in(r, c) - sum[std::size_t(c)];
                    square[std::size_t(c)] += d * d;
                }
            for (Eigen::Index c = 0; c < cols; ++c) {
                const double var = square[std::size_t(c)] / double(rows);
                m_mean[std::size_t(c)] = float(sum[std::size_t(c)]);
                m_invStd[std::size_t(c)] = float(1.0 / std::sqrt(var + double(kEpsilon)));
                const double unbiased = rows > 1 ? square[std::size_t(c)] / double(rows - 1) : var;
                m_runningMean[c] = (1.0f - kMomentum) * m_runningMean[c] + kMomentum * float(sum[std::size_t(c)]);
                m_runningVar[c] = (1.0f - kMomentum) * m_runningVar[c] + kMomentum * float(unbiased);
            }
        }
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                out(r, c) = m_gamma[c] * ((in(r, c) - m_mean[std::size_t(c)]) * m_invStd[std::size_t(c)]) + m_beta[c];
        return;
    }
    for (Eigen::Index r = 0; r < rows; ++r) {
        double sum = 0.0, square = 0.0;
        for (Eigen::Index c = 0; c < cols; ++c) sum += in(r, c);
        const double mean = sum / double(cols);
        for (Eigen::Index c = 0; c < cols; ++c) square += (in(r, c) - mean) * (in(r, c) - mean);
        const float m = float(mean), inv = float(1.0 / std::sqrt(square / double(cols) + double(kEpsilon)));
        m_mean[std::size_t(r)] = m;
        m_invStd[std::size_t(r)] = inv;
        for (Eigen::Index c = 0; c < cols; ++c) out(r, c) = m_gamma[c] * ((in(r, c) - m) * inv) + m_beta[c];
    }
}

void NormLayer::backward(ConstMatrixMap in, ConstMatrixMap, ConstMatrixMap dOut, MatrixMap dIn) {
    const Eigen::Index rows = in.rows(), cols = in.cols();
    const bool batch = m_type == LayerType::BatchNorm;
    const auto stat = [&](const std::vector<float>& v, Eigen::Index r, Eigen::Index c) { return v[std::size_t(batch ? c : r)]; };
    const auto xhat = [&](Eigen::Index r, Eigen::Index c) { return (in(r, c) - stat(m_mean, r, c)) * stat(m_invStd, r, c); };
    // Parameter gradients: column sums over the rows in a fixed order (overwriting).
    for (Eigen::Index c = 0; c < cols; ++c) m_dGamma[c] = 0.0f, m_dBeta[c] = 0.0f;
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c) {
            m_dGamma[c] += dOut(r, c) * xhat(r, c);
            m_dBeta[c] += dOut(r, c);
        }
    if (dIn.rows() == 0) return;
    if (batch && m_lastMode == Mode::Inference) { // fixed statistics: a per-column affine map
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c) dIn(r, c) = dOut(r, c) * m_gamma[c] * m_invStd[std::size_t(c)];
        return;
    }
    if (batch) {
        // dx = γ·invstd/N · (N·dy − Σdy − x̂·Σ(dy·x̂)), the sums per column (= dBeta, dGamma).
        const float n = float(rows);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                dIn(r, c) = m_gamma[c] * m_invStd[std::size_t(c)] / n * (n * dOut(r, c) - m_dBeta[c] - xhat(r, c) * m_dGamma[c]);
        return;
    }
    // LayerNorm: the same over each row's columns, with d x̂ = dy·γ.
    const float n = float(cols);
    for (Eigen::Index r = 0; r < rows; ++r) {
        float sum = 0.0f, dot = 0.0f;
        for (Eigen::Index c = 0; c < cols; ++c) {
            const float g = dOut(r, c) * m_gamma[c];
            sum += g;
            dot += g * xhat(r, c);
        }
        const float inv = m_invStd[std::size_t(r)];
        for (Eigen::Index c = 0; c < cols; ++c) dIn(r, c) = inv / n * (n * dOut(r, c) * m_gamma[c] - sum - xhat(r, c) * dot);
    }
}

} // namespace layerlab::engine::nn
