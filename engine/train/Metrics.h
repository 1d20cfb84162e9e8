// Held-out metrics: accuracy, log-loss, ROC AUC (two classes), majority-class baseline and the
// confusion matrix for classification; RMSE, MAE, R² for regression.
#pragma once

#include "Loss.h"
#include "core/Json.h"
#include "core/Tensor.h"

#include <cstdint>
#include <span>
#include <vector>

namespace layerlab::engine::train {

struct MetricsReport {
    bool classification = true;
    std::size_t rows = 0;
    /// Rows whose outputs hold a NaN or an infinity: they count as wrong (classification) and make
    /// the loss and error figures NaN; the AUC is NaN if any score is NaN. Never hidden.
    std::size_t nonFinite = 0;
    double loss = 0.0;
    // classification
    double accuracy = 0.0;
    double baselineAccuracy = 0.0; ///< always predicting the most frequent class of these rows
    double auc = 0.0;              ///< NaN unless exactly two classes
    std::vector<std::vector<std::int64_t>> confusion; ///< [true][predicted]
    // regression
    double rmse = 0.0, mae = 0.0, r2 = 0.0;

    Json toJson() const;
};

/// `logits` are raw network outputs, `targets` as in Dataset; `classes` = number of classes (0 for regression).
MetricsReport computeMetrics(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, int classes,
                             float huberDelta = 1.0f);
/// Area under the ROC curve; ties get half credit. NaN if either class is absent or any score is
/// NaN (no order exists then); ±infinity ranks as a number. Total: ends on every input.
double rocAuc(std::span<const float> scores, std::span<const int> positive);

} // namespace layerlab::engine::train
