#include "Evaluation.h"

#include <cmath>

namespace layerlab::engine::train {

std::string_view metricName(LossKind loss) { return isClassification(loss) ? "accuracy" : "rmse"; }

double headlineMetric(LossKind loss, ConstMatrixMap outputs, ConstMatrixMap targets) {
    const Eigen::Index n = outputs.rows();
    if (n == 0) return std::nan("");
    if (loss == LossKind::SoftmaxCrossEntropy) {
        Eigen::Index correct = 0;
        for (Eigen::Index r = 0; r < n; ++r) {
            Eigen::Index best = 0;
            outputs.row(r).maxCoeff(&best);
            correct += best == static_cast<Eigen::Index>(targets(r, 0));
        }
        return double(correct) / double(n);
    }
    if (loss == LossKind::BinaryCrossEntropy) {
        Eigen::Index correct = 0;
        for (Eigen::Index r = 0; r < n; ++r)
            for (Eigen::Index c = 0; c < outputs.cols(); ++c) correct += (outputs(r, c) > 0.0f) == (targets(r, c) > 0.5f);
        return double(correct) / double(n * outputs.cols());
    }
    double sq = 0.0;
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < outputs.cols(); ++c) {
            const double d = double(outputs(r, c)) - targets(r, c);
            sq += d * d;
        }
    return std::sqrt(sq / double(n * outputs.cols()));
}

Evaluation evaluate(nn::Network& network, const data::Dataset& data, LossKind loss, float huberDelta,
                    const std::atomic<bool>* cancel) {
    if (data.size() == 0) return {std::nan(""), std::nan("")};
    // The same chunks as Network::predict, so the figures do not depend on `cancel`.
    Matrix out(data.size(), network.outputs());
    bool cancelled = false;
    data.forEachBlock(nn::Network::kPredictChunk, [&](Eigen::Index r, ConstMatrixMap block) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return !(cancelled = true);
        out.middleRows(r, block.rows()) = network.predict(block);
        return true;
    });
    if (cancelled) return {std::nan(""), std::nan(""), true};
    const ConstMatrixMap o(out.data(), out.rows(), out.cols());
    const ConstMatrixMap t(data.targets.data(), data.targets.rows(), data.targets.cols());
    return {computeLoss(loss, o, t, huberDelta), headlineMetric(loss, o, t)};
}

} // namespace layerlab::engine::train
