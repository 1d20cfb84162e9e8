#include "Loss.h"

#include <cmath>

namespace layerlab::engine::train {

std::string_view lossName(LossKind k) {
    switch (k) {
    case LossKind::Mse: return "mse";
    case LossKind::Huber: return "huber";
    case LossKind::BinaryCrossEntropy: return "bce";
    case LossKind::SoftmaxCrossEntropy: return "ce";
    }
    return "?";
}

std::optional<LossKind> lossFromName(std::string_view name) {
    if (name == "mse") return LossKind::Mse;
    if (name == "huber") return LossKind::Huber;
    if (name == "bce" || name == "binary_crossentropy") return LossKind::BinaryCrossEntropy;
    if (name == "ce" || name == "crossentropy" || name == "softmax_crossentropy") return LossKind::SoftmaxCrossEntropy;
    return std::nullopt;
}

bool isClassification(LossKind k) { return k == LossKind::BinaryCrossEntropy || k == LossKind::SoftmaxCrossEntropy; }

double computeLoss(LossKind kind, ConstMatrixMap output, ConstMatrixMap target, MatrixMap grad, float huberDelta) {
    const Eigen::Index batch = output.rows();
    const Eigen::Index width = output.cols();
    const bool wantGrad = grad.rows() > 0;
    if (batch == 0) return 0.0;
    double total = 0.0;
    const float perElement = 1.0f / float(batch * width);
    switch (kind) {
    case LossKind::Mse:
        for (Eigen::Index r = 0; r < batch; ++r)
            for (Eigen::Index c = 0; c < width; ++c) {
                const float d = output(r, c) - target(r, c);
                total += double(d) * d;
                if (wantGrad) grad(r, c) = 2.0f * d * perElement;
            }
        return total / double(batch * width);
    case LossKind::Huber:
        for (Eigen::Index r = 0; r < batch; ++r)
            for (Eigen::Index c = 0; c < width; ++c) {
                const float d = output(r, c) - target(r, c);
                const float a = std::abs(d);
                total += a <= huberDelta ? 0.5 * double(d) * d : double(huberDelta) * (a - 0.5 * huberDelta);
                if (wantGrad) grad(r, c) = (a <= huberDelta ? d : std::copysign(huberDelta, d)) * perElement;
            }
        return total / double(batch * width);
    case LossKind::BinaryCrossEntropy:
        for (Eigen::Index r = 0; r < batch; ++r)
            for (Eigen::Index c = 0; c < width; ++c) {
                const float z = output(r, c);
                const float t = target(r, c);
                // log(1 + e^z) - t·z, written so neither exp overflows.
                total += double(std::max(z, 0.0f)) - double(z) * t + std::log1p(std::exp(-double(std::abs(z))));
                if (wantGrad) grad(r, c) = (1.0f / (1.0f + std::exp(-z)) - t) * perElement;
            }
        return total / double(batch * width);
    case LossKind::SoftmaxCrossEntropy:
        for (Eigen::Index r = 0; r < batch; ++r) {
            const auto row = output.row(r);
            const float mx = row.maxCoeff();
            double sum = 0.0;
            for (Eigen::Index c = 0; c < width; ++c) sum += std::exp(double(row(c) - mx));
            const auto cls = static_cast<Eigen::Index>(target(r, 0));
            total += std::log(sum) + mx - row(cls);
            if (wantGrad) {
                const float inv = 1.0f / float(batch);
                for (Eigen::Index c = 0; c < width; ++c)
                    grad(r, c) = (float(std::exp(double(row(c) - mx)) / sum) - (c == cls ? 1.0f : 0.0f)) * inv;
            }
        }
        return total / double(batch);
    }
    return total;
}

double computeLoss(LossKind kind, ConstMatrixMap output, ConstMatrixMap target, float huberDelta) {
    MatrixMap none(nullptr, 0, output.cols());
    return computeLoss(kind, output, target, none, huberDelta);
}

} // namespace layerlab::engine::train
