// Everything that steers a training run. Saved in project files; editable mid-run through
// Trainer::updateSettings (learning rate, batch size, optimizer, regularization, schedule).
#pragma once

#include "Loss.h"
#include "Optimizer.h"
#include "Schedule.h"
#include "core/Json.h"

#include <cstdint>

namespace layerlab::engine::train {

struct TrainSettings {
    LossKind loss = LossKind::SoftmaxCrossEntropy;
    OptimizerSettings optimizer;
    Schedule schedule;
    int batchSize = 32;
    int epochs = 20;
    std::uint64_t seed = 1;
    int patience = 0;          ///< early stopping: epochs without validation improvement; 0 = off
    bool restoreBest = true;   ///< at the end, load the weights of the best validation epoch
    float huberDelta = 1.0f;
    int threads = 0;           ///< worker threads for a run; 0 = all cores. Results do not depend on it.

    Json toJson() const;
    /// Reads the keys present in `json` over `defaults`; throws SpecError naming the bad key.
    static TrainSettings fromJson(const Json& json, TrainSettings defaults);
    static TrainSettings fromJson(const Json& json) { return fromJson(json, TrainSettings()); }
    /// Throws SpecError when a value cannot work (batch < 1, negative rate, ...).
    void validate() const;
    bool operator==(const TrainSettings&) const = default;
};

} // namespace layerlab::engine::train
