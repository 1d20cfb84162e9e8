// Loss and headline metric of a network on a dataset (inference mode, chunked).
#pragma once

#include "Loss.h"
#include "data/Dataset.h"
#include "nn/Network.h"

#include <string_view>

namespace layerlab::engine::train {

struct Evaluation {
    double loss = 0.0;
    double metric = 0.0; ///< accuracy for classification, RMSE for regression
};

/// "accuracy" or "rmse".
std::string_view metricName(LossKind loss);
/// Accuracy or RMSE of raw outputs (logits) against targets.
double headlineMetric(LossKind loss, ConstMatrixMap outputs, ConstMatrixMap targets);
Evaluation evaluate(nn::Network& network, const data::Dataset& data, LossKind loss, float huberDelta = 1.0f);

} // namespace layerlab::engine::train
