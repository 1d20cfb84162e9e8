// A group of the input row's columns (a wide-and-deep model's branch): out[:, k] = in[:, p_k].
// It reads the input row only, whose gradient is never needed, so backward does nothing.
#pragma once

#include "Layer.h"

#include <vector>

namespace layerlab::engine::nn {

class SelectLayer final : public Layer {
public:
    SelectLayer(int inputs, std::vector<int> positions) : Layer(inputs, int(positions.size())), m_positions(std::move(positions)) {}
    const std::vector<int>& positions() const { return m_positions; }

    void forward(ConstMatrixMap in, MatrixMap out, Mode, Rng&) override {
        for (Eigen::Index r = 0; r < in.rows(); ++r)
            for (std::size_t k = 0; k < m_positions.size(); ++k) out(r, Eigen::Index(k)) = in(r, m_positions[k]);
    }
    void backward(ConstMatrixMap, ConstMatrixMap, ConstMatrixMap, MatrixMap) override {}

private:
    std::vector<int> m_positions;
};

} // namespace layerlab::engine::nn
