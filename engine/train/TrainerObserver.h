// Callbacks a Trainer makes while it runs. Called on the training thread, between batches:
// implementations must be quick and must not block (a GUI controller copies into a staging area
// under a short lock; the CLI prints a line).
#pragma once

#include "TrainSettings.h"

#include <cstdint>

namespace layerlab::engine::train {

struct BatchReport {
    std::int64_t step = 0; ///< 1-based count of optimizer steps since the trainer was made
    int epoch = 0;         ///< 1-based
    int batchInEpoch = 0;  ///< 1-based
    int batchSize = 0;
    double loss = 0.0;
    float learningRate = 0.0f;
};

struct EpochReport {
    int epoch = 0;             ///< 1-based
    std::int64_t step = 0;
    double trainLoss = 0.0;    ///< mean over the epoch's batches, weighted by batch size
    double valLoss = 0.0;      ///< NaN without a validation set
    double valMetric = 0.0;    ///< accuracy (classification) or RMSE (regression); NaN without validation
    double samplesPerSecond = 0.0;
    float learningRate = 0.0f;
    bool improved = false;     ///< validation loss is the best so far
};

class TrainerObserver {
public:
    virtual ~TrainerObserver() = default;
    virtual void onBatch(const BatchReport&) {}
    virtual void onEpoch(const EpochReport&) {}
    /// Settings changed mid-run took effect before `step`.
    virtual void onSettingsApplied(const TrainSettings&, std::int64_t /*step*/) {}
    /// The trainer is about to wait for Resume or Step after `step` steps (pause, or a step done).
    virtual void onPause(std::int64_t /*step*/) {}
};

} // namespace layerlab::engine::train
