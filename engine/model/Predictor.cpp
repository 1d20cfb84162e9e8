#include "Predictor.h"

#include <cmath>

namespace layerlab::engine::model {

Predictor::Predictor(const Model& model) : m_model(model), m_network(std::make_unique<nn::Network>(model.network)) {
    m_network->setParameters(model.parameters);
}

Predictor::~Predictor() = default;

Matrix Predictor::logits(const data::Table& table, std::span<const std::size_t> rows) {
    const Matrix x = m_model.preprocessing.features(table, rows);
    return m_network->predict(x);
}

Matrix Predictor::probabilities(const Matrix& logits) const {
    switch (m_model.loss) {
    // Scalar std::exp on purpose: Eigen's vectorized exp differs in the last bit from its scalar
    // tail, and predictions must not depend on where a buffer happens to be aligned.
    case train::LossKind::SoftmaxCrossEntropy: {
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
    case train::LossKind::BinaryCrossEntropy: {
        Matrix p(logits.rows(), 2);
        for (Eigen::Index r = 0; r < logits.rows(); ++r) {
            p(r, 1) = float(1.0 / (1.0 + std::exp(-double(logits(r, 0)))));
            p(r, 0) = 1.0f - p(r, 1);
        }
        return p;
    }
    default: return logits;
    }
}

std::vector<int> Predictor::predictedClasses(const Matrix& logits) const {
    std::vector<int> classes(std::size_t(logits.rows()));
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        if (m_model.loss == train::LossKind::BinaryCrossEntropy) {
            classes[std::size_t(r)] = logits(r, 0) > 0.0f ? 1 : 0;
        } else {
            Eigen::Index best = 0;
            logits.row(r).maxCoeff(&best);
            classes[std::size_t(r)] = int(best);
        }
    }
    return classes;
}

} // namespace layerlab::engine::model
