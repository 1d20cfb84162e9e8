#include "Loss.h"

#include <cmath>

namespace layerlab::engine::nn {

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

Matrix probabilities(LossKind kind, ConstMatrixMap logits) {
    switch (kind) {
    // Scalar std::exp on purpose: Eigen's vectorized exp differs in the last bit from its scalar
    // tail, and predictions must not depend on where a buffer happens to be aligned.
    case LossKind::SoftmaxCrossEntropy: {
        Matrix p(logits.rows(), logits.cols());
        for (Eigen::Index r = 0; r < logits.rows(); ++r) {
            const float mx = logits.row(r).maxCoeff();
            double sum = 0.0;
            for (Eigen::Index c = 0; c < logits.cols(); ++c) {
                p(r, c) = float(std::exp(double(logits(r, c) - mx)));
                sum += p(r, c);
            }
            p.row(r) /= float(sum);
        }
        return p;
    }
    case LossKind::BinaryCrossEntropy: {
        Matrix p(logits.rows(), 2);
        for (Eigen::Index r = 0; r < logits.rows(); ++r) {
            p(r, 1) = float(1.0 / (1.0 + std::exp(-double(logits(r, 0)))));
            p(r, 0) = 1.0f - p(r, 1);
        }
        return p;
    }
    case LossKind::Mse:
    case LossKind::Huber: return logits;
    }
    return logits;
}

} // namespace layerlab::engine::nn
