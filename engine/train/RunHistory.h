// What a training run has produced so far, as plain vectors: one entry per epoch, one loss per
// optimizer step, and a marker for every mid-run settings change. Charts decimate from it; the
// project file keeps it with the run's best weights.
// Threading: a plain value; RunMonitor fills a staging copy on the training thread and hands it
// over under its lock; the GUI owns its own copy.
#pragma once

#include "TrainerObserver.h"
#include "core/Json.h"

#include <cstdint>
#include <string>
#include <vector>

namespace layerlab::engine::train {

struct SettingsMarker {
    std::int64_t step = 0; ///< the first step that used the new settings
    double epoch = 0.0;    ///< fractional epoch position, for the chart's x axis
    std::string text;      ///< "lr 0.01 → 0.003"
    bool operator==(const SettingsMarker&) const = default;
};

struct RunHistory {
    std::vector<EpochReport> epochs;
    std::vector<float> stepLoss;            ///< loss of step k at index k-1
    std::vector<float> stepEpoch;           ///< fractional epoch of step k at index k-1
    std::vector<SettingsMarker> markers;

    bool empty() const { return epochs.empty() && stepLoss.empty(); }
    /// Moves `more` to the end (the GUI's copy absorbing a drained staging copy).
    void append(RunHistory&& more);
    void clear();

    Json toJson() const;
    /// Throws SpecError naming the bad key.
    static RunHistory fromJson(const Json& json);
};

/// The settings that differ, in words: "lr 0.01 → 0.003, batch 32 → 64". Empty when equal.
std::string describeSettingsChange(const TrainSettings& before, const TrainSettings& after);

} // namespace layerlab::engine::train
