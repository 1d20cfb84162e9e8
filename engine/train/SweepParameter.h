// The training settings a sweep from the workbench varies, named as `train`'s flags are (lr,
// batch, seed, l2, optimizer, epochs): one place that turns a value the user typed into a setting,
// with the same checks the flags make. (`layerlab-cli sweep` varies any train flag by passing it.)
#pragma once

#include "TrainSettings.h"

#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::train {

enum class SweepParameter { LearningRate, BatchSize, Seed, L2, Optimizer, Epochs };

inline constexpr SweepParameter kSweepParameters[] = {SweepParameter::LearningRate, SweepParameter::BatchSize, SweepParameter::Seed,
                                                      SweepParameter::L2, SweepParameter::Optimizer, SweepParameter::Epochs};
/// The train flag's name: "lr", "batch", "seed", "l2", "optimizer", "epochs".
std::string_view sweepParameterName(SweepParameter p);
/// Sets `p` to `value` in `s`; throws SpecError saying what the value must be.
void applySweepValue(TrainSettings& s, SweepParameter p, const std::string& value);
/// "0.001, 0.01, 0.1" or "0.001 0.1" -> the values (commas or spaces); each checked by
/// applySweepValue. Throws SpecError naming the bad value; an empty list is refused.
std::vector<std::string> sweepValues(SweepParameter p, const std::string& text);

} // namespace layerlab::engine::train
