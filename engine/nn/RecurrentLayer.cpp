#include "RecurrentLayer.h"

#include "Kernels.h"
#include "RecurrentCell.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace layerlab::engine::nn {
namespace {

using StridedMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

// Column sums row by row in a fixed order (bitwise reproducible, like DenseLayer's bias).
void columnSums(const float* rows, int count, int stride, int offset, int width, float* sums) {
    std::fill(sums, sums + width, 0.0f);
    for (int r = 0; r < count; ++r) {
        const float* row = rows + std::size_t(r) * stride + offset;
        for (int j = 0; j < width; ++j) sums[j] += row[j];
    }
}

} // namespace

RecurrentLayer::RecurrentLayer(Cell cell, int steps, int features, int units, bool sequences, bool bidirectional,
                               std::string name)
    : Layer(steps * features, (sequences ? steps : 1) * units * (bidirectional ? 2 : 1)), m_cell(cell), m_steps(steps),
      m_features(features), m_units(units), m_gates(cell::gates(cell)), m_sequences(sequences),
      m_bidirectional(bidirectional), m_name(std::move(name)) {}

std::size_t RecurrentLayer::blockSize() const {
    const std::size_t gh = std::size_t(m_gates) * m_units;
    return std::size_t(m_features) * gh + std::size_t(m_units) * gh + gh + (m_cell == Cell::Gru ? m_units : 0);
}

std::vector<ParameterView> RecurrentLayer::parameterLayout() const {
    std::vector<ParameterView> views;
    const int gh = m_gates * m_units;
    for (int d = 0; d < directions(); ++d) {
        const std::string suffix = d ? "_reverse" : "";
        std::size_t at = std::size_t(d) * blockSize();
        views.push_back({m_name + ".weight" + suffix, at, m_features, gh, 0, true});
        at += std::size_t(m_features) * gh;
        views.push_back({m_name + ".recurrent" + suffix, at, m_units, gh, 0, true});
        at += std::size_t(m_units) * gh;
        views.push_back({m_name + ".bias" + suffix, at, 1, gh, 0, false});
        at += gh;
        if (m_cell == Cell::Gru) views.push_back({m_name + ".recurrent_bias" + suffix, at, 1, m_units, 0, false});
    }
    return views;
}

void RecurrentLayer::bind(float* params, float* grads) {
    const std::size_t gh = std::size_t(m_gates) * m_units;
    for (int d = 0; d < directions(); ++d) {
        Direction& dir = m_dir[d];
        const std::size_t base = std::size_t(d) * blockSize();
        const std::size_t rAt = base + std::size_t(m_features) * gh, bAt = rAt + std::size_t(m_units) * gh;
        dir.w = params + base, dir.dw = grads + base;
        dir.r = params + rAt, dir.dr = grads + rAt;
        dir.b = params + bAt, dir.db = grads + bAt;
        dir.rb = m_cell == Cell::Gru ? params + bAt + gh : nullptr;
        dir.drb = m_cell == Cell::Gru ? grads + bAt + gh : nullptr;
    }
}

void RecurrentLayer::initialize(Rng& rng) {
    const int gh = m_gates * m_units;
    for (int d = 0; d < directions(); ++d) {
        Direction& dir = m_dir[d];
        // Glorot for the input weights; ±1/√units for the recurrent ones (PyTorch's choice), which
        // keeps the recurrence from exploding at the start.
        const float a = std::sqrt(6.0f / float(m_features + gh));
        for (std::size_t i = 0; i < std::size_t(m_features) * gh; ++i) dir.w[i] = rng.uniform(-a, a);
        const float k = 1.0f / std::sqrt(float(m_units));
        for (std::size_t i = 0; i < std::size_t(m_units) * gh; ++i) dir.r[i] = rng.uniform(-k, k);
        std::fill(dir.b, dir.b + gh, 0.0f);
        // LSTM: forget gate bias 1, so memory is kept by default (Jozefowicz et al.).
        if (m_cell == Cell::Lstm) std::fill(dir.b + m_units, dir.b + 2 * m_units, 1.0f);
        if (dir.rb) std::fill(dir.rb, dir.rb + m_units, 0.0f);
    }
}

void RecurrentLayer::reserve(int maxBatch) {
    if (maxBatch <= m_reserved) return;
    const std::size_t rows = std::size_t(maxBatch) * m_steps, gh = std::size_t(m_gates) * m_units;
    for (int d = 0; d < directions(); ++d) {
        Direction& dir = m_dir[d];
        dir.pre.resize(rows * gh);
        dir.dPre.resize(rows * gh);
        dir.dRec.resize(rows * gh);
        dir.h.resize(rows * m_units);
        dir.hPrev.resize(rows * m_units);
        if (m_cell == Cell::Gru) dir.hn.resize(rows * m_units);
        if (m_cell == Cell::Lstm) {
            dir.c.resize(rows * m_units);
            dir.cPrev.resize(rows * m_units);
        }
    }
    const std::size_t shards = (std::size_t(maxBatch) + kShardRows - 1) / kShardRows;
    m_scratch.resize(shards * kShardRows * (gh + 4 * std::size_t(m_units)));
    m_reserved = maxBatch;
}

template <typename Fn>
void RecurrentLayer::forShards(int batch, Fn&& fn) {
    const int shards = (batch + kShardRows - 1) / kShardRows;
    auto run = [&](int s) { fn(s * kShardRows, std::min(batch, (s + 1) * kShardRows)); };
    // Coarse work only: a small recurrence stays on this thread (the partition is the same).
    const double macs = double(batch) * m_steps * m_units * double(m_gates) * m_units;
    if (shards == 1 || macs < kParallelMacs) {
        for (int s = 0; s < shards; ++s) run(s);
    } else {
        tbb::parallel_for(0, shards, run);
    }
}

void RecurrentLayer::forwardShard(Direction& d, bool reverse, int begin, int end) {
    const int T = m_steps, H = m_units, gh = m_gates * H, n = end - begin;
    float* rec = m_scratch.data() + std::size_t(begin / kShardRows) * kShardRows * (gh + 4 * std::size_t(H));
    const ConstMatrixMap R(d.r, H, gh);
    const bool gru = m_cell == Cell::Gru, lstm = m_cell == Cell::Lstm;
    for (int k = 0; k < T; ++k) {
        const int t = reverse ? T - 1 - k : k, tp = reverse ? t + 1 : t - 1;
        for (int b = begin; b < end; ++b) {
            const std::size_t row = std::size_t(b) * T + t, prev = std::size_t(b) * T + tp;
            float* hp = d.hPrev.data() + row * H;
            if (k == 0) std::fill(hp, hp + H, 0.0f);
            else std::copy_n(d.h.data() + prev * H, H, hp);
            if (lstm) {
                float* cp = d.cPrev.data() + row * H;
                if (k == 0) std::fill(cp, cp + H, 0.0f);
                else std::copy_n(d.c.data() + prev * H, H, cp);
            }
        }
        const StridedMap hPrev(d.hPrev.data() + (std::size_t(begin) * T + t) * H, n, H, Eigen::OuterStride<>(T * H));
        MatrixMap product(rec, n, gh);
        product.noalias() = hPrev * R;
        for (int b = begin; b < end; ++b) {
            const std::size_t row = std::size_t(b) * T + t;
            float* h = d.h.data() + row * H;
            const float* hp = d.hPrev.data() + row * H;
            float* c = lstm ? d.c.data() + row * H : nullptr;
            const float* cp = lstm ? d.cPrev.data() + row * H : nullptr;
            float* gates = d.pre.data() + row * gh; // x·W + b on entry, the activated gates after
            if (masked(b, t)) {
                std::copy_n(hp, H, h);
                if (lstm) std::copy_n(cp, H, c);
                std::fill(gates, gates + gh, 0.0f);
                continue;
            }
            cell::forwardRow(m_cell, H, gates, rec + std::size_t(b - begin) * gh, d.rb, hp, cp, gates,
                             gru ? d.hn.data() + row * H : nullptr, h, c);
        }
    }
}

void RecurrentLayer::forward(ConstMatrixMap in, MatrixMap out, Mode, Rng&) {
    const int batch = static_cast<int>(in.rows()), T = m_steps, H = m_units, gh = m_gates * H;
    reserve(batch);
    m_batch = batch;
    const ConstMatrixMap x(in.data(), Eigen::Index(batch) * T, m_features); // one row per sample step
    for (int dirIndex = 0; dirIndex < directions(); ++dirIndex) {
        Direction& d = m_dir[dirIndex];
        MatrixMap pre(d.pre.data(), Eigen::Index(batch) * T, gh);
        gemm(x, Trans::No, ConstMatrixMap(d.w, m_features, gh), Trans::No, pre);
        pre.rowwise() += ConstRowVectorMap(d.b, gh);
        forShards(batch, [&](int begin, int end) { forwardShard(d, dirIndex == 1, begin, end); });
        for (int b = 0; b < batch; ++b) {
            if (m_sequences) {
                for (int t = 0; t < T; ++t) {
                    float* y = out.data() + std::size_t(b) * out.cols() + (std::size_t(t) * directions() + dirIndex) * H;
                    if (masked(b, t)) std::fill(y, y + H, 0.0f);
                    else std::copy_n(d.h.data() + (std::size_t(b) * T + t) * H, H, y);
                }
            } else {
                const int last = dirIndex == 1 ? 0 : T - 1;
                std::copy_n(d.h.data() + (std::size_t(b) * T + last) * H, H,
                            out.data() + std::size_t(b) * out.cols() + std::size_t(dirIndex) * H);
            }
        }
    }
}

void RecurrentLayer::backwardShard(Direction& d, int dirIndex, ConstMatrixMap dOut, int begin, int end) {
    const int T = m_steps, H = m_units, gh = m_gates * H, n = end - begin;
    const bool reverse = dirIndex == 1, gru = m_cell == Cell::Gru, lstm = m_cell == Cell::Lstm;
    float* dh = m_scratch.data() + std::size_t(begin / kShardRows) * kShardRows * (gh + 4 * std::size_t(H));
    float* dc = dh + std::size_t(kShardRows) * H;
    float* direct = dc + std::size_t(kShardRows) * H;
    std::fill(dh, dh + std::size_t(n) * H, 0.0f);
    std::fill(dc, dc + std::size_t(n) * H, 0.0f);
    const ConstMatrixMap R(d.r, H, gh);
    for (int k = T - 1; k >= 0; --k) {
        const int t = reverse ? T - 1 - k : k;
        for (int b = begin; b < end; ++b) {
            const std::size_t row = std::size_t(b) * T + t, local = std::size_t(b - begin) * H;
            float* dhRow = dh + local;
            const float* dy = nullptr;
            if (m_sequences && !masked(b, t)) dy = dOut.data() + std::size_t(b) * dOut.cols() + (std::size_t(t) * directions() + dirIndex) * H;
            if (!m_sequences && k == T - 1) dy = dOut.data() + std::size_t(b) * dOut.cols() + std::size_t(dirIndex) * H;
            if (dy)
                for (int j = 0; j < H; ++j) dhRow[j] += dy[j];
            float* dPre = d.dPre.data() + row * gh;
            float* dRec = d.dRec.data() + row * gh;
            if (masked(b, t)) { // the state passed through unchanged: so does its gradient
                std::fill(dPre, dPre + gh, 0.0f);
                std::fill(dRec, dRec + gh, 0.0f);
                std::copy_n(dhRow, H, direct + local);
                continue;
            }
            cell::backwardRow(m_cell, H, d.pre.data() + row * gh, gru ? d.hn.data() + row * H : nullptr,
                              d.h.data() + row * H, lstm ? d.c.data() + row * H : nullptr,
                              lstm ? d.cPrev.data() + row * H : nullptr, d.hPrev.data() + row * H, dhRow,
                              dc + local, dPre, dRec, direct + local);
        }
        if (k == 0) break; // the initial state is a constant: nothing flows further
        const StridedMap dRec(d.dRec.data() + (std::size_t(begin) * T + t) * gh, n, gh, Eigen::OuterStride<>(T * gh));
        MatrixMap dhPrev(dh, n, H);
        dhPrev.noalias() = dRec * R.transpose();
        dhPrev += ConstMatrixMap(direct, n, H);
    }
}

void RecurrentLayer::backward(ConstMatrixMap in, ConstMatrixMap, ConstMatrixMap dOut, MatrixMap dIn) {
    const int batch = m_batch, T = m_steps, H = m_units, gh = m_gates * H;
    const Eigen::Index rows = Eigen::Index(batch) * T;
    const ConstMatrixMap x(in.data(), rows, m_features);
    for (int dirIndex = 0; dirIndex < directions(); ++dirIndex) {
        Direction& d = m_dir[dirIndex];
        forShards(batch, [&](int begin, int end) { backwardShard(d, dirIndex, dOut, begin, end); });
        const ConstMatrixMap dPre(d.dPre.data(), rows, gh), dRec(d.dRec.data(), rows, gh);
        gemm(x, Trans::Yes, dPre, Trans::No, MatrixMap(d.dw, m_features, gh));
        gemm(ConstMatrixMap(d.hPrev.data(), rows, H), Trans::Yes, dRec, Trans::No, MatrixMap(d.dr, H, gh));
        columnSums(d.dPre.data(), int(rows), gh, 0, gh, d.db);
        if (d.drb) columnSums(d.dRec.data(), int(rows), gh, 2 * H, H, d.drb);
        if (dIn.rows() > 0)
            gemm(dPre, Trans::No, ConstMatrixMap(d.w, m_features, gh), Trans::Yes, MatrixMap(dIn.data(), rows, m_features),
                 dirIndex == 0 ? 0.0f : 1.0f);
    }
}

ConstMatrixMap RecurrentLayer::states(int direction) const {
    return ConstMatrixMap(m_dir[direction].h.data(), Eigen::Index(m_batch) * m_steps, m_units);
}

} // namespace layerlab::engine::nn
