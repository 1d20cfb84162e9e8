// A trained model: what it computes (network spec + weights), what it expects (preprocessing:
// input columns, scaling, target encoding) and how it was trained (loss; free-form provenance).
#pragma once

#include "core/Json.h"
#include "data/Preprocessor.h"
#include "nn/NetworkSpec.h"
#include "nn/Loss.h"

#include <vector>

namespace layerlab::engine::model {

struct Model {
    nn::NetworkSpec network;
    std::vector<float> parameters;
    std::vector<float> state; ///< non-trained state (BatchNorm statistics); empty for most networks
    data::Preprocessor preprocessing;
    nn::LossKind loss = nn::LossKind::SoftmaxCrossEntropy;
    Json provenance = Json::object(); ///< training settings, metrics, data file: informative only
};

} // namespace layerlab::engine::model
