// A network built from a NetworkSpec: its layers (a graph, run in the spec's list order, which is
// topological), one flat parameter buffer, one flat gradient buffer (same layout), one state
// buffer (BatchNorm statistics, never trained), and per-layer activation and gradient buffers
// sized for the largest batch seen. Where a layer feeds several others, their gradients are
// summed into its buffer in one fixed order (the readers from last to first).
//
// Threading: one thread drives forward/backward at a time (the trainer's); kernels fan out inside
// via TBB. parameters() may be copied by that thread for snapshots; nothing here locks.
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

#include <memory>
#include <span>
#include <vector>

namespace layerlab::engine::nn {

class RecurrentLayer;

class Network {
public:
    /// Builds the layers; the spec must be bound (inputs and every Dense width known).
    explicit Network(NetworkSpec spec);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    const NetworkSpec& spec() const { return m_spec; }
    int inputs() const { return m_spec.inputs; }
    int outputs() const { return m_layers.back()->outputs(); }
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    const Layer& layer(int i) const { return *m_layers[std::size_t(i)]; }

    std::size_t parameterCount() const { return m_params.size(); }
    std::span<float> parameters() { return m_params; }
    std::span<const float> parameters() const { return m_params; }
    std::span<float> gradients() { return m_grads; }
    std::span<const float> gradients() const { return m_grads; }
    const std::vector<ParameterView>& parameterViews() const { return m_views; }
    /// Replaces all parameters; throws SpecError if the count differs.
    void setParameters(std::span<const float> values);
    /// Non-trained state (BatchNorm's running mean and variance), empty for most networks.
    std::span<float> state() { return m_state; }
    std::span<const float> state() const { return m_state; }
    const std::vector<ParameterView>& stateViews() const { return m_stateViews; }
    /// Replaces the state; throws SpecError if the count differs.
    void setState(std::span<const float> values);
    /// Per layer, the list positions it reads (NetworkSpec::kInputSource for the input row).
    const std::vector<std::vector<int>>& sources() const { return m_sources; }

    /// Seeded initialization of every layer, in layer order.
    void initialize(std::uint64_t seed);

    /// Runs all layers; returns the output [batch × outputs], valid until the next forward.
    /// `input` must stay alive until backward() when mode is Train.
    ConstMatrixMap forward(ConstMatrixMap input, Mode mode, Rng& rng);
    /// Gradients of the loss w.r.t. every parameter, given dLoss/dOutput [batch × outputs].
    void backward(ConstMatrixMap dOutput);
    /// Promises that every gradient is zero now (the optimizer clears them as it consumes them),
    /// so the next backward() adds into them instead of clearing first. Holds until that
    /// backward(); writing to gradients() in between breaks the promise.
    void markGradientsZero() { m_gradientsZero = true; }
    /// Output of layer i from the last forward pass ([batch × width]).
    ConstMatrixMap activation(int i) const;

    /// Rows per forward pass in predict(): small enough that a stop between chunks is prompt on
    /// the largest networks (evaluation checks for it there), large enough to keep products wide.
    static constexpr Eigen::Index kPredictChunk = 256;
    /// Forward in inference mode over any number of rows, in chunks; returns [rows × outputs].
    Matrix predict(ConstMatrixMap input);
    Matrix predict(const Matrix& input) { return predict(ConstMatrixMap(input.data(), input.rows(), input.cols())); }

private:
    void reserve(int batch);
    MatrixMap buffer(std::vector<float>& b, int rows, int cols);

    NetworkSpec m_spec;
    std::vector<std::unique_ptr<Layer>> m_layers;
    std::vector<float> m_params;
    std::vector<float> m_grads;
    bool m_gradientsZero = true; // m_grads starts as zeros
    std::vector<ParameterView> m_views;
    std::vector<float> m_state;
    std::vector<ParameterView> m_stateViews;
    std::vector<std::vector<int>> m_sources;   // per layer, as NetworkSpec::sources()
    std::vector<std::vector<float>> m_outputs; // per layer, [maxBatch × width]
    std::vector<std::vector<float>> m_deltas;  // per layer, dLoss/dOutput [maxBatch × width]
    std::vector<float> m_scratch;              // a second reader's gradient before it is added
    std::vector<std::uint8_t> m_deltaFilled;   // per layer, during backward: a reader has written
    std::vector<RecurrentLayer*> m_masked;     // recurrent layers that read the input's steps
    std::vector<std::uint8_t> m_mask;          // [batch × steps], 1 = padding, for the last forward
    const float* m_input = nullptr;
    int m_batch = 0;
    int m_reserved = 0;
};

} // namespace layerlab::engine::nn
