// A recurrent layer (RNN, GRU or LSTM) over a sequence stored step after step in each row:
// input [batch × steps·features], output [batch × steps·units·directions] when it returns every
// step's state, else [batch × units·directions] (forward direction first, then the reverse one).
//
// Full backpropagation through time. The input projection x·W of every step, and the parameter
// gradients, are single products over all batch·steps rows (the fixed-partition gemm); only the
// recurrence h₋·R walks the steps. The batch is split into shards of kShardRows rows that depend
// only on the batch size, each shard runs its own time loop (rows of a batch never interact), so
// results are bitwise identical whatever the thread count.
//
// Masking: setMask() marks padded steps of each row. A padded step leaves the state unchanged
// (h and c carry over), outputs zeros, and receives no gradient: with padding at the end this is
// exactly ONNX's sequence_lens, and the reverse direction starts at the last real step.
//
// Threading: driven by one thread (the network's); the shard loop fans out through TBB.
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

#include <cstdint>
#include <string>

namespace layerlab::engine::nn {

class RecurrentLayer final : public Layer {
public:
    static constexpr int kShardRows = 16;

    RecurrentLayer(Cell cell, int steps, int features, int units, bool sequences, bool bidirectional, std::string name);

    std::vector<ParameterView> parameterLayout() const override;
    void bind(float* params, float* grads) override;
    void initialize(Rng& rng) override;
    void reserve(int maxBatch) override;
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

    /// [batch × steps] bytes, 1 = padding, for the next forward and its backward; nullptr = none.
    /// The caller keeps it alive until then.
    void setMask(const std::uint8_t* mask) { m_mask = mask; }

    Cell cell() const { return m_cell; }
    int steps() const { return m_steps; }
    int features() const { return m_features; }
    int units() const { return m_units; }
    int directions() const { return m_bidirectional ? 2 : 1; }
    bool sequences() const { return m_sequences; }
    /// The state after each step in the last forward pass, direction d (0 forward, 1 reverse):
    /// [batch·steps × units], row = sample·steps + step. Padded steps hold the carried state.
    ConstMatrixMap states(int direction) const;
    int lastBatch() const { return m_batch; }

private:
    struct Direction {
        float *w = nullptr, *r = nullptr, *b = nullptr, *rb = nullptr;     // parameters
        float *dw = nullptr, *dr = nullptr, *db = nullptr, *drb = nullptr; // their gradients
        std::vector<float> pre, hn, h, c, hPrev, cPrev;                    // per batch·steps row
        std::vector<float> dPre, dRec;
    };
    std::size_t blockSize() const;
    bool masked(int row, int step) const { return m_mask && m_mask[std::size_t(row) * m_steps + step]; }
    void forwardShard(Direction& d, bool reverse, int begin, int end);
    void backwardShard(Direction& d, int dir, ConstMatrixMap dOut, int begin, int end);
    template <typename Fn> void forShards(int batch, Fn&& fn);

    Cell m_cell;
    int m_steps, m_features, m_units, m_gates;
    bool m_sequences, m_bidirectional;
    std::string m_name;
    Direction m_dir[2];
    std::vector<float> m_scratch; // per shard: [kShardRows × G·H] product + 3 × [kShardRows × H]
    const std::uint8_t* m_mask = nullptr;
    int m_batch = 0;
    int m_reserved = 0;
};

} // namespace layerlab::engine::nn
