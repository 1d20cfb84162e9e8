#include "MergeLayer.h"

#include <numeric>
#include <stdexcept>

namespace layerlab::engine::nn {

namespace {
int outputWidth(LayerType type, const std::vector<int>& widths) {
    return type == LayerType::Concat ? std::accumulate(widths.begin(), widths.end(), 0) : widths.front();
}
} // namespace

MergeLayer::MergeLayer(LayerType type, std::vector<int> widths)
    : Layer(widths.front(), outputWidth(type, widths)), m_type(type), m_widths(std::move(widths)) {}

void MergeLayer::forwardMerge(std::span<const ConstMatrixMap> ins, MatrixMap out) {
    if (m_type == LayerType::Add) {
        out = ins[0];
        for (std::size_t k = 1; k < ins.size(); ++k) out += ins[k];
        return;
    }
    Eigen::Index column = 0;
    for (const ConstMatrixMap& in : ins) {
        out.middleCols(column, in.cols()) = in;
        column += in.cols();
    }
}

void MergeLayer::backwardMerge(ConstMatrixMap dOut, std::span<MatrixMap> dIns) {
    Eigen::Index column = 0;
    for (std::size_t k = 0; k < dIns.size(); ++k) {
        const Eigen::Index width = m_widths[k];
        if (dIns[k].rows() > 0) {
            if (m_type == LayerType::Add) dIns[k] = dOut;
            else dIns[k] = dOut.middleCols(column, width);
        }
        if (m_type == LayerType::Concat) column += width;
    }
}

void MergeLayer::forward(ConstMatrixMap, MatrixMap, Mode, Rng&) { throw std::logic_error("a merge reads several inputs"); }
void MergeLayer::backward(ConstMatrixMap, ConstMatrixMap, ConstMatrixMap, MatrixMap) {
    throw std::logic_error("a merge reads several inputs");
}

} // namespace layerlab::engine::nn
