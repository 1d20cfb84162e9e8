// Inverted dropout: in training each value is zeroed with probability `rate` and the rest scaled
// by 1/(1-rate); at inference it is the identity. Masks come from the trainer's seeded Rng, drawn
// on the training thread, so runs stay reproducible.
#pragma once

#include "Layer.h"

namespace layerlab::engine::nn {

class DropoutLayer final : public Layer {
public:
    DropoutLayer(int width, float rate) : Layer(width, width), m_rate(rate) {}

    void reserve(int maxBatch) override;
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

private:
    float m_rate;
    std::vector<float> m_mask; // [batch × width], 0 or 1/(1-rate); all 1 after an inference pass
};

} // namespace layerlab::engine::nn
