// Element-wise activation functions (softmax is row-wise) and their derivatives, on whole batches.
#pragma once

#include "core/Tensor.h"

#include <optional>
#include <string>
#include <string_view>

namespace layerlab::engine::nn {

enum class Activation { Identity, Relu, LeakyRelu, Elu, Gelu, Tanh, Sigmoid, Softplus, Softmax };

/// Canonical name ("relu", "leaky_relu", ...), as used in specs and on the command line.
std::string_view activationName(Activation a);
std::optional<Activation> activationFromName(std::string_view name);
/// All names, comma-separated, for error messages and help.
std::string activationNames();

/// y = f(x); x and y are [batch × units] and may not alias.
void activationForward(Activation a, ConstMatrixMap x, MatrixMap y);
/// dx = f'(x) ⊙ dy (softmax: the full row Jacobian); uses x and y from the forward pass.
void activationBackward(Activation a, ConstMatrixMap x, ConstMatrixMap y, ConstMatrixMap dy, MatrixMap dx);

} // namespace layerlab::engine::nn
