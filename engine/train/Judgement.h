// Everything the Judge view shows about a model on held-out rows, each figure beside what a
// model that learned nothing gets: the majority class (classification) or the mean (regression).
// Per-class precision/recall/F1, the ROC curve (two classes), predicted-vs-actual pairs
// (regression) and the rows with the largest loss.
#pragma once

#include "Metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace layerlab::engine::train {

struct ClassScores {
    double precision = 0.0, recall = 0.0, f1 = 0.0;
    /// The same figures for always predicting the majority class: precision = its share and
    /// recall 1 for that class, 0 and 0 for the others.
    double baselinePrecision = 0.0, baselineRecall = 0.0, baselineF1 = 0.0;
    std::int64_t support = 0;
};

struct RocPoint {
    float falsePositiveRate = 0.0f, truePositiveRate = 0.0f;
};

struct Judgement {
    MetricsReport metrics;
    double baselineLoss = 0.0;              ///< loss of the prior (class frequencies, or the mean)
    std::vector<ClassScores> classes;       ///< per class index (classification)
    std::vector<RocPoint> roc;              ///< two classes only; from (0,0) to (1,1)
    /// Three or more classes: one curve per class, that class against all the others (scored by
    /// its log-probability), and its AUC; empty for two classes and regression.
    std::vector<std::vector<RocPoint>> rocOneVsRest;
    std::vector<double> aucOneVsRest;
    double baselineRmse = 0.0, baselineMae = 0.0; ///< regression: predicting the rows' mean
    std::vector<float> predicted, actual;   ///< regression: one pair per row
    std::vector<std::size_t> worst;         ///< row indices (into the rows judged), largest loss first
    std::vector<double> worstLoss;
    std::vector<int> worstPredicted;        ///< class index per worst row (classification)
    /// True only when the model beats the baseline on every figure the verdict shows: loss,
    /// accuracy and AUC (two classes), or loss and RMSE (MetricsReport::compareWithBaseline).
    bool beatsBaseline = false;
    /// Set by the caller from the run's epochs (train::overfitting): why validation got worse.
    std::string overfitting;

    static Judgement compute(LossKind loss, ConstMatrixMap logits, ConstMatrixMap targets, int classes,
                             float huberDelta = 1.0f, std::size_t worstCount = 20);
};

/// ROC curve points for scores where higher means "positive"; ties form one diagonal step.
std::vector<RocPoint> rocCurve(std::span<const float> scores, std::span<const int> positive);

} // namespace layerlab::engine::train
