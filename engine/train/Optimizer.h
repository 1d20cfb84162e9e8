// Optimizers over the network's flat parameter buffer. Each works element-wise, so any partition
// of the buffer gives the same bits; large buffers are updated in parallel chunks.
// L1/L2 penalties and AdamW's decoupled weight decay apply to weights only, never to biases.
#pragma once

#include "nn/Layer.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace layerlab::engine::train {

enum class OptimizerKind { Sgd, Momentum, Nesterov, Adam, AdamW, RmsProp };

std::string_view optimizerName(OptimizerKind k); ///< "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop"
std::optional<OptimizerKind> optimizerFromName(std::string_view name);

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::Adam;
    float learningRate = 0.01f;
    float momentum = 0.9f;     ///< Momentum, Nesterov
    float beta1 = 0.9f;        ///< Adam, AdamW
    float beta2 = 0.999f;      ///< Adam, AdamW
    float rho = 0.9f;          ///< RMSprop
    float epsilon = 1e-8f;
    float weightDecay = 0.01f; ///< AdamW only (decoupled)
    float l1 = 0.0f;
    float l2 = 0.0f;
    float clipNorm = 0.0f;     ///< global gradient-norm clip; 0 = off
    bool operator==(const OptimizerSettings&) const = default;
};

class Optimizer {
public:
    /// `views` says which slices are weights; state is sized to `parameterCount`.
    Optimizer(std::vector<nn::ParameterView> views, std::size_t parameterCount);

    /// Changes settings between steps. A different kind resets the moment estimates.
    void configure(const OptimizerSettings& settings);
    const OptimizerSettings& settings() const { return m_settings; }

    /// Clips (if asked), adds L1/L2 to the gradients, then updates params in place with `learningRate`.
    /// Consumes the gradients: each is set to zero right after it is used, while it is in cache,
    /// so the next backward adds into zeros instead of clearing (nn::Network::markGradientsZero).
    /// Returns the gradient norm before clipping (NaN when clipping is off: it is not computed).
    double step(std::span<float> params, std::span<float> grads, float learningRate);
    void reset();
    /// The moment estimates and the step count: what a checkpoint needs to go on exactly.
    struct State {
        OptimizerKind kind = OptimizerKind::Adam; ///< what the moments mean
        std::vector<float> m, v;
        std::int64_t t = 0;
    };
    State state() const { return {m_settings.kind, m_m, m_v, m_t}; }
    /// Takes a saved state; one of another kind (a fork that changed the optimizer) or size is
    /// ignored, leaving fresh moments, and false is returned.
    bool restore(const State& s);

private:
    void updateRange(float* w, float* g, float* m, float* v, std::size_t n, bool isWeight, float lr);

    OptimizerSettings m_settings;
    std::vector<nn::ParameterView> m_views;
    std::vector<float> m_m; // first moment / velocity / RMS accumulator
    std::vector<float> m_v; // second moment (Adam family)
    std::int64_t m_t = 0;   // steps taken, for Adam bias correction
};

} // namespace layerlab::engine::train
