// What a recurrent network does step by step for one sample, for the live view: the state of its
// first recurrent layer after every step (both directions side by side), and, for padded
// (character) inputs, the network's output had the sequence ended at each step: the same input
// with the later steps padded, which the network masks, so it is exactly the prediction after
// reading the first k characters.
// Threading: runs on the caller's Probe (one per thread); call from that Probe's thread.
#pragma once

#include "core/Tensor.h"

#include <span>
#include <vector>

namespace layerlab::engine::model {

class Probe;

struct StepTrace {
    int layer = -1;   ///< spec index of the traced recurrent layer; -1 = the network has none
    int units = 0;    ///< per direction
    Matrix states;    ///< [steps × units·directions], forward direction first
    Matrix outputs;   ///< [steps × outputs] logits; empty when the input is not padded
    std::vector<bool> padding; ///< per step: a padded step of this sample

    /// `probe` built on the trained network's spec (its buffers are reused, its last run is
    /// overwritten); `input` one encoded row [inputs].
    static StepTrace compute(Probe& probe, std::span<const float> parameters, std::span<const float> input);
};

} // namespace layerlab::engine::model
