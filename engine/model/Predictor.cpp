#include "Predictor.h"

#include <cmath>

namespace layerlab::engine::model {

Predictor::Predictor(const Model& model) : m_model(model), m_network(std::make_unique<nn::Network>(model.network)) {
    m_network->setParameters(model.parameters);
    if (!model.state.empty() || !m_network->state().empty()) m_network->setState(model.state);
}

Predictor::~Predictor() = default;

Matrix Predictor::logits(const data::Table& table, std::span<const std::size_t> rows) {
    const Matrix x = m_model.preprocessing.features(table, rows);
    return m_network->predict(x);
}

Matrix Predictor::probabilities(const Matrix& logits) const {
    return nn::probabilities(m_model.loss, ConstMatrixMap(logits.data(), logits.rows(), logits.cols()));
}

std::vector<int> Predictor::predictedClasses(const Matrix& logits) const {
    std::vector<int> classes(std::size_t(logits.rows()));
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        if (m_model.loss == nn::LossKind::BinaryCrossEntropy) {
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
