#include "EmbeddingLayer.h"

#include "core/Rng.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace layerlab::engine::nn {

int EmbeddingLayer::widthOf(int inputs, const std::vector<EmbeddingColumn>& columns) {
    int width = inputs;
    for (const auto& c : columns) width += c.dims - 1;
    return width;
}

EmbeddingLayer::EmbeddingLayer(int inputs, std::vector<EmbeddingColumn> columns, std::string name)
    : Layer(inputs, widthOf(inputs, columns)), m_columns(std::move(columns)), m_embedded(std::size_t(inputs), -1),
      m_name(std::move(name)) {
    std::size_t offset = 0;
    for (std::size_t k = 0; k < m_columns.size(); ++k) {
        m_tableOffset.push_back(offset);
        offset += std::size_t(m_columns[k].levels) * std::size_t(m_columns[k].dims);
        m_embedded[std::size_t(m_columns[k].position)] = int(k);
    }
}

std::vector<ParameterView> EmbeddingLayer::parameterLayout() const {
    std::vector<ParameterView> views;
    for (std::size_t k = 0; k < m_columns.size(); ++k)
        views.push_back({m_name + ".column" + std::to_string(m_columns[k].position) + ".table", m_tableOffset[k],
                         m_columns[k].levels, m_columns[k].dims, 0, true});
    return views;
}

void EmbeddingLayer::bind(float* params, float* grads) {
    m_params = params;
    m_grads = grads;
}

void EmbeddingLayer::initialize(Rng& rng) {
    // Small uniform values, as Keras does: a level starts near the others and moves as it is seen.
    for (std::size_t k = 0; k < m_columns.size(); ++k) {
        float* table = m_params + m_tableOffset[k];
        const std::size_t n = std::size_t(m_columns[k].levels) * std::size_t(m_columns[k].dims);
        for (std::size_t i = 0; i < n; ++i) table[i] = rng.uniform(-0.05f, 0.05f);
    }
}

int EmbeddingLayer::level(float value, int levels) {
    if (!std::isfinite(value)) return levels - 1;
    return int(std::clamp(std::lround(value), 0L, long(levels - 1)));
}

void EmbeddingLayer::forward(ConstMatrixMap in, MatrixMap out, Mode, Rng&) {
    for (Eigen::Index r = 0; r < in.rows(); ++r) {
        Eigen::Index o = 0;
        for (Eigen::Index c = 0; c < in.cols(); ++c) {
            const int k = m_embedded[std::size_t(c)];
            if (k < 0) {
                out(r, o++) = in(r, c);
                continue;
            }
            const auto& col = m_columns[std::size_t(k)];
            const float* row = m_params + m_tableOffset[std::size_t(k)] + std::size_t(level(in(r, c), col.levels)) * std::size_t(col.dims);
            for (int d = 0; d < col.dims; ++d) out(r, o++) = row[d];
        }
    }
}

void EmbeddingLayer::backward(ConstMatrixMap in, ConstMatrixMap, ConstMatrixMap dOut, MatrixMap dIn) {
    for (std::size_t k = 0; k < m_columns.size(); ++k)
        std::memset(m_grads + m_tableOffset[k], 0, sizeof(float) * std::size_t(m_columns[k].levels) * std::size_t(m_columns[k].dims));
    const bool wantInput = dIn.rows() > 0;
    for (Eigen::Index r = 0; r < in.rows(); ++r) {
        Eigen::Index o = 0;
        for (Eigen::Index c = 0; c < in.cols(); ++c) {
            const int k = m_embedded[std::size_t(c)];
            if (k < 0) {
                if (wantInput) dIn(r, c) = dOut(r, o);
                ++o;
                continue;
            }
            const auto& col = m_columns[std::size_t(k)];
            float* row = m_grads + m_tableOffset[std::size_t(k)] + std::size_t(level(in(r, c), col.levels)) * std::size_t(col.dims);
            for (int d = 0; d < col.dims; ++d) row[d] += dOut(r, o++);
            if (wantInput) dIn(r, c) = 0.0f; // an index has no gradient
        }
    }
}

} // namespace layerlab::engine::nn
