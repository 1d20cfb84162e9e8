// One-line descriptions of a model for people: the CLI prints them after training and the GUI's
// Model tab shows them over an opened model.
#pragma once

#include "data/Preprocessor.h"
#include "nn/Network.h"

#include <string>

namespace layerlab::engine::model {

/// "3 (embedded: 6)-16-16-1 relu, 337 parameters"
std::string describeNetwork(const nn::Network& network);
/// "shooter (factor, 11 levels + unknown), x, y = 14 inputs"
std::string describeInputs(const data::Preprocessor& pre);

} // namespace layerlab::engine::model
