// The losses (nn/Loss.h) under the names the training code and its clients use.
#pragma once

#include "nn/Loss.h"

namespace layerlab::engine::train {

using nn::computeLoss;
using nn::isClassification;
using nn::LossKind;
using nn::lossFromName;
using nn::lossName;
using nn::probabilities;

} // namespace layerlab::engine::train
