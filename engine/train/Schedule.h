// Learning-rate schedules, evaluated once per epoch from the base rate.
#pragma once

#include <optional>
#include <string_view>

namespace layerlab::engine::train {

enum class ScheduleKind { Constant, Step, Cosine };

struct Schedule {
    ScheduleKind kind = ScheduleKind::Constant;
    int stepEvery = 10;     ///< Step: epochs between drops
    float gamma = 0.5f;     ///< Step: factor per drop
    float minFactor = 0.0f; ///< Cosine: floor as a fraction of the base rate

    /// Rate for 0-based `epoch` of `totalEpochs`.
    float rate(float base, int epoch, int totalEpochs) const;
    bool operator==(const Schedule&) const = default;
};

std::string_view scheduleName(ScheduleKind k); ///< "constant", "step", "cosine"
std::optional<ScheduleKind> scheduleFromName(std::string_view name);

} // namespace layerlab::engine::train
