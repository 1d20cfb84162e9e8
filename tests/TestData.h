// Small in-memory datasets shared by the trainer tests.
#pragma once

#include "core/Rng.h"
#include "data/Dataset.h"
#include "nn/Network.h"

namespace layerlab::tests {

/// Two Gaussian blobs per class in `inputs` dimensions; class index targets (k classes).
inline engine::data::Dataset blobs(int rows, int inputs, int classes, std::uint64_t seed) {
    engine::Rng rng(seed);
    engine::data::Dataset d{engine::Matrix(rows, inputs), engine::Matrix(rows, 1)};
    for (int r = 0; r < rows; ++r) {
        const int c = r % classes;
        for (int j = 0; j < inputs; ++j) d.features(r, j) = rng.normal() + ((j % classes) == c ? 1.5f : -0.5f);
        d.targets(r, 0) = float(c);
    }
    return d;
}

inline engine::nn::NetworkSpec mlpSpec(int inputs, std::vector<int> hidden, engine::nn::Activation a, int outputs) {
    return engine::nn::NetworkSpec::mlp(inputs, hidden, a, outputs);
}

} // namespace layerlab::tests
