// Losses on a batch of network outputs (logits for the cross-entropies). Below the model and the
// trainer (both use them); train/Loss.h names them in the train namespace too.
// Targets: softmax CE takes class indices [batch × 1]; the others take [batch × outputs].
// Every loss is a mean over the batch (and over outputs for MSE, Huber and BCE), so the learning
// rate does not depend on the batch size.
#pragma once

#include "core/Tensor.h"

#include <optional>
#include <string>
#include <string_view>

namespace layerlab::engine::nn {

enum class LossKind { Mse, Huber, BinaryCrossEntropy, SoftmaxCrossEntropy };

std::string_view lossName(LossKind k); ///< "mse", "huber", "bce", "ce"
std::optional<LossKind> lossFromName(std::string_view name);
bool isClassification(LossKind k);

/// Mean loss; if grad has rows, also writes dLoss/dOutput into it ([batch × outputs]).
double computeLoss(LossKind kind, ConstMatrixMap output, ConstMatrixMap target, MatrixMap grad,
                   float huberDelta = 1.0f);
/// The one rule turning outputs into what a user reads (Predictor, the GUI's views, the
/// exporters' tests): softmax per row for ce ([rows × classes]), [1 − σ, σ] for bce
/// ([rows × 2]), the outputs themselves for regression.
Matrix probabilities(LossKind kind, ConstMatrixMap logits);
/// Mean loss only.
double computeLoss(LossKind kind, ConstMatrixMap output, ConstMatrixMap target, float huberDelta = 1.0f);

} // namespace layerlab::engine::nn
