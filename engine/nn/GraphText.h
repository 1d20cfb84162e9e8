// The one-line graph language of `layerlab-cli train --graph`, in the spirit of Keras' functional
// API: statements separated by ';', each NAME=OP(PARAMS)(INPUTS).
//   h1=dense(64,relu)(input); h2=dense(64,relu)(h1); s=add(h1,h2); n=layernorm(s)
// Ops: dense(units[,activation]), activation(kind), dropout(rate), batchnorm(), layernorm(),
// add(a,b,…), concat(a,b,…) (a merge may name its inputs as its parameters), rnn|gru|lstm(units
// [,bi][,seq]). `input` is the encoded input row; (INPUTS) may be left out to read the statement
// before (the input row for the first). The output layer (a dense layer sized from the target)
// follows the last statement, as with --hidden.
#pragma once

#include "NetworkSpec.h"

#include <string_view>

namespace layerlab::engine::nn {

/// Throws SpecError naming the statement (its number and text) and the character (1-based, in
/// the whole text) of the first problem.
NetworkSpec parseGraph(std::string_view text);

} // namespace layerlab::engine::nn
