// Loss and headline metric of a network on a dataset (inference mode, chunked).
#pragma once

#include "Loss.h"
#include "data/Dataset.h"
#include "nn/Network.h"

#include <atomic>
#include <string_view>

namespace layerlab::engine::train {

struct Evaluation {
    double loss = 0.0;
    double metric = 0.0; ///< accuracy for classification, RMSE for regression
    bool cancelled = false; ///< `cancel` became true part-way: loss and metric are NaN
};

/// "accuracy" or "rmse".
std::string_view metricName(LossKind loss);
/// Accuracy or RMSE of raw outputs (logits) against targets.
double headlineMetric(LossKind loss, ConstMatrixMap outputs, ConstMatrixMap targets);
/// `cancel` (may be null) is checked between chunks of rows: a Stop must not wait for a whole
/// validation pass on a large network.
Evaluation evaluate(nn::Network& network, const data::Dataset& data, LossKind loss, float huberDelta = 1.0f,
                    const std::atomic<bool>* cancel = nullptr);

} // namespace layerlab::engine::train
