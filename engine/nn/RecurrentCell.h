// The arithmetic of one recurrent cell for one sample at one time step, forward and backward.
// RecurrentLayer runs the time loop and the matrix products; this file holds only the gate
// formulas, so each cell's maths is in one place next to its derivative.
//
// Gate blocks in a row of G·H values (H = units):
//   RNN  (G = 1): a                 h = tanh(a)
//   GRU  (G = 3): z, r, n           z = σ(·), r = σ(·), n = tanh(xₙ + r ⊙ (hₙ)), h = (1 − z) ⊙ n + z ⊙ h₋
//                                   with hₙ = h₋·Rₙ + bₙ (the reset applied after the product: PyTorch's
//                                   GRU and ONNX's linear_before_reset = 1)
//   LSTM (G = 4): i, f, g, o        c = f ⊙ c₋ + i ⊙ g, h = o ⊙ tanh(c)
// Threading: pure functions.
#pragma once

#include "NetworkSpec.h"

namespace layerlab::engine::nn::cell {

/// Gate blocks per cell: 1, 3 or 4.
int gates(Cell cell);

/// pre: x·W + b [G·H]; rec: h₋·R [G·H]; recBias: GRU's bₙ [H] (else unused); hPrev, cPrev [H].
/// Writes the activated gates [G·H], GRU's hₙ [H], the new h [H] and LSTM's c [H].
void forwardRow(Cell cell, int units, const float* pre, const float* rec, const float* recBias, const float* hPrev,
                const float* cPrev, float* gates, float* hn, float* h, float* c);

/// dh: dLoss/dh at this step [H] (everything that reaches h); dc: LSTM's dLoss/dc from later
/// steps [H], replaced by dLoss/dc₋. Writes dPre (gradient of the input pre-activations) and dRec
/// (of the recurrent product h₋·R) [G·H], and dhDirect: the part of dLoss/dh₋ that does not pass
/// through R (GRU's z ⊙ dh; zero otherwise) [H].
void backwardRow(Cell cell, int units, const float* gates, const float* hn, const float* h, const float* c,
                 const float* cPrev, const float* hPrev, const float* dh, float* dc, float* dPre, float* dRec,
                 float* dhDirect);

} // namespace layerlab::engine::nn::cell
