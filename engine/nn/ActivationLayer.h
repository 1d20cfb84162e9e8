// A parameter-free activation layer (see Activation.h for the functions).
#pragma once

#include "Activation.h"
#include "Layer.h"

namespace layerlab::engine::nn {

class ActivationLayer final : public Layer {
public:
    ActivationLayer(int width, Activation a) : Layer(width, width), m_activation(a) {}
    Activation activation() const { return m_activation; }

    void forward(ConstMatrixMap in, MatrixMap out, Mode, Rng&) override { activationForward(m_activation, in, out); }
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override {
        if (dIn.rows() > 0) activationBackward(m_activation, in, out, dOut, dIn);
    }

private:
    Activation m_activation;
};

} // namespace layerlab::engine::nn
