// Checks a design against the data and the loss before training is allowed: shapes, the output
// width the target needs, output activations the loss already applies, losses that do not fit
// the target's type. Errors block training; warnings are shown but allowed.
#pragma once

#include "DataSummary.h"
#include "DesignIssue.h"
#include "GraphModel.h"
#include "train/Loss.h"

#include <vector>

namespace layerlab::widgets::canvas {

class DesignCheck {
public:
    static std::vector<DesignIssue> run(const GraphModel& graph, const DataSummary& data, engine::train::LossKind loss);
    /// Output units the target needs under `loss` (0 when unknown).
    static int outputsNeeded(const DataSummary& data, engine::train::LossKind loss);
    /// The loss suggested by the target's type: ce for factors, bce for booleans, mse for numbers.
    static engine::train::LossKind suggestedLoss(const DataSummary& data);
    static bool hasErrors(const std::vector<DesignIssue>& issues);
};

} // namespace layerlab::widgets::canvas
