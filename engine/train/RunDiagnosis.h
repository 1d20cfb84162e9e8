// What a run's curves say about it, in words the Judge, the loss chart and the CLI all print.
// Today one sign: overfitting — the validation loss rising while the training loss falls.
#pragma once

#include "TrainerObserver.h"

#include <span>
#include <string>

namespace layerlab::engine::train {

/// Empty, or why the validation figures got worse: the validation loss has risen for at least
/// kOverfitEpochs epochs past its best, by at least 1 % of it, while the training loss kept
/// falling. The text names the epochs and losses and what to try.
std::string overfitting(std::span<const EpochReport> epochs);

constexpr int kOverfitEpochs = 2;

} // namespace layerlab::engine::train
