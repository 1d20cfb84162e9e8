#include "Schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace layerlab::engine::train {

float Schedule::rate(float base, int epoch, int totalEpochs) const {
    switch (kind) {
    case ScheduleKind::Constant: return base;
    case ScheduleKind::Step: return base * std::pow(gamma, float(epoch / std::max(1, stepEvery)));
    case ScheduleKind::Cosine: {
        const float t = totalEpochs > 1 ? std::clamp(float(epoch) / float(totalEpochs - 1), 0.0f, 1.0f) : 0.0f;
        const float floor = base * minFactor;
        return floor + 0.5f * (base - floor) * (1.0f + std::cos(std::numbers::pi_v<float> * t));
    }
    }
    return base;
}

std::string_view scheduleName(ScheduleKind k) {
    switch (k) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::Step: return "step";
    case ScheduleKind::Cosine: return "cosine";
    }
    return "?";
}

std::optional<ScheduleKind> scheduleFromName(std::string_view name) {
    for (auto k : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Cosine})
        if (scheduleName(k) == name) return k;
    return std::nullopt;
}

} // namespace layerlab::engine::train
