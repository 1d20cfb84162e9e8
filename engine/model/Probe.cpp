#include "Probe.h"

#include "core/Rng.h"

namespace layerlab::engine::model {

Probe::Probe(const nn::NetworkSpec& spec) : m_network(std::make_unique<nn::Network>(spec)) {}

Probe::~Probe() = default;

std::vector<Matrix> Probe::run(std::span<const float> parameters, const Matrix& features, std::span<const float> state) {
    m_network->setParameters(parameters);
    if (!state.empty()) m_network->setState(state);
    Rng rng(0); // inference mode draws nothing; forward() wants a generator all the same
    m_network->forward(ConstMatrixMap(features.data(), features.rows(), features.cols()), nn::Mode::Inference, rng);
    std::vector<Matrix> layers;
    layers.reserve(std::size_t(m_network->layerCount()));
    for (int i = 0; i < m_network->layerCount(); ++i) layers.emplace_back(m_network->activation(i));
    return layers;
}

Matrix Probe::predict(std::span<const float> parameters, const Matrix& features, std::span<const float> state) {
    m_network->setParameters(parameters);
    if (!state.empty()) m_network->setState(state);
    return m_network->predict(features);
}

} // namespace layerlab::engine::model
