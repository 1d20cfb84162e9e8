// Held-out metrics: accuracy, log-loss, ROC AUC (two classes), majority-class baseline and the
// confusion matrix for classification; RMSE, MAE, R² for regression.
#pragma once

#include "Loss.h"
#include "core/Json.h"
#include "core/Tensor.h"

#include <cstdint>
#include <span>
#include <string>
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
    /// What a model that learned nothing scores on these rows: it predicts the rows' class
    /// frequencies (classification) or their mean (regression), whatever the input. Its loss is
    /// the same loss function applied to that constant prediction; its accuracy is
    /// baselineAccuracy, its AUC 0.5.
    double baselineLoss = 0.0;
    double baselineRmse = 0.0, baselineMae = 0.0; ///< regression

    /// The verdict weighs every figure shown: better only when each is.
    struct BaselineComparison {
        bool loss = false;       ///< loss below the baseline's
        bool headline = false;   ///< accuracy above (classification) / RMSE below (regression) the baseline's
        bool hasAuc = false;     ///< two classes only
        bool auc = false;        ///< AUC above 0.5
        bool all() const { return loss && headline && (!hasAuc || auc); }
        /// The names of the figures that are not better ("loss", "accuracy", "auc", "rmse").
        std::vector<std::string> worse(bool classification) const;
    };
    BaselineComparison compareWithBaseline() const;

    /// Includes "better_than_baseline": {"loss", "accuracy"|"rmse", "auc" (two classes)} and the
    /// baseline's figures.
    Json toJson() const;
};

/// `logits` are raw network outputs, `targets` as in Dataset; `classes` = number of classes (0 for regression).
MetricsReport computeMetrics(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, int classes,
                             float huberDelta = 1.0f);
/// The headline figure (accuracy, or RMSE for regression) of a model that learned nothing on
/// these targets: what the loss chart draws as the metric's baseline.
double learnedNothingHeadline(LossKind loss, ConstMatrixMap targets, int classes);
/// Area under the ROC curve; ties get half credit. NaN if either class is absent or any score is
/// NaN (no order exists then); ±infinity ranks as a number. Total: ends on every input.
double rocAuc(std::span<const float> scores, std::span<const int> positive);

} // namespace layerlab::engine::train
