// A network's forward pass for display: every layer's output for a few rows under a given
// parameter snapshot. The views (activations on the canvas, heatmaps, decision maps) use their
// own Probe so they never touch the network that is training.
// Not thread-safe (owns buffers): one Probe per thread; cheap to build.
#pragma once

#include "core/Tensor.h"
#include "nn/Network.h"

#include <memory>
#include <span>
#include <vector>

namespace layerlab::engine::model {

class Probe {
public:
    /// `spec` must be bound (as the training network's).
    explicit Probe(const nn::NetworkSpec& spec);
    ~Probe();

    /// Output of every layer ([rows × width] each, in spec order) for `features` [rows × inputs].
    /// Throws SpecError when the parameter count does not match.
    /// `state`: the snapshot's BatchNorm statistics (empty: the network's initial ones).
    std::vector<Matrix> run(std::span<const float> parameters, const Matrix& features, std::span<const float> state = {});
    /// The network's output only, in chunks (any number of rows): [rows × outputs].
    Matrix predict(std::span<const float> parameters, const Matrix& features, std::span<const float> state = {});
    const nn::Network& network() const { return *m_network; }

private:
    std::unique_ptr<nn::Network> m_network;
};

} // namespace layerlab::engine::model
