// What the throughput benches share: random data for a net, the timing of whole epochs, and a
// net's matrix products alone (the GEMM-bound limit a training step can approach).
#pragma once

#include "Shapes.h"

#include "core/Rng.h"
#include "data/Dataset.h"
#include "nn/Kernels.h"
#include "train/Trainer.h"

#include <tbb/task_arena.h>

#include <chrono>
#include <functional>
#include <vector>

namespace layerlab::bench {

using namespace layerlab::engine;
using Clock = std::chrono::steady_clock;

inline engine::data::Dataset randomData(const Shape& s) {
    Rng rng(42);
    engine::data::Dataset d{Matrix(s.samples, s.widths.front()), Matrix(s.samples, s.widths.back())};
    for (Eigen::Index i = 0; i < d.features.size(); ++i) d.features.data()[i] = rng.uniform(-1, 1);
    for (Eigen::Index i = 0; i < d.targets.size(); ++i) d.targets.data()[i] = rng.uniform(-1, 1);
    return d;
}

// Seconds for one epoch of `body`, over `repeats` epochs after one warm-up.
inline std::vector<double> timeEpochs(int repeats, const std::function<void()>& epoch) {
    epoch();
    std::vector<double> seconds;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        epoch();
        seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
    return seconds;
}

inline // Forward and backward products only: X·W per layer, then Xᵀ·dY and dY·Wᵀ (not for the first layer).
std::vector<double> gemmOnly(const Shape& s, int repeats, bool blas, int threads) {
    const int layers = int(s.widths.size()) - 1;
    std::vector<Matrix> w, act, delta;
    Matrix x = Matrix::Random(s.batch, s.widths[0]);
    for (int l = 0; l < layers; ++l) {
        w.push_back(Matrix::Random(s.widths[l], s.widths[l + 1]));
        act.push_back(Matrix::Zero(s.batch, s.widths[l + 1]));
        delta.push_back(Matrix::Random(s.batch, s.widths[l + 1]));
    }
    std::vector<Matrix> dw(w.size()), dx(w.size());
    for (int l = 0; l < layers; ++l) {
        dw[l] = Matrix::Zero(s.widths[l], s.widths[l + 1]);
        dx[l] = Matrix::Zero(s.batch, s.widths[l]);
    }
    const int steps = s.samples / s.batch;
    auto cm = [](const Matrix& m) { return ConstMatrixMap(m.data(), m.rows(), m.cols()); };
    auto mm = [](Matrix& m) { return MatrixMap(m.data(), m.rows(), m.cols()); };
    tbb::task_arena arena(threads);
    return timeEpochs(repeats, [&] {
        for (int step = 0; step < steps; ++step)
            for (int l = 0; l < layers; ++l) {
                const Matrix& in = l == 0 ? x : act[l - 1];
                if (blas) {
                    arena.execute([&] {
                        nn::gemm(cm(in), nn::Trans::No, cm(w[l]), nn::Trans::No, mm(act[l]));
                        nn::gemm(cm(in), nn::Trans::Yes, cm(delta[l]), nn::Trans::No, mm(dw[l]));
                        if (l) nn::gemm(cm(delta[l]), nn::Trans::No, cm(w[l]), nn::Trans::Yes, mm(dx[l]));
                    });
                } else {
                    act[l].noalias() = in * w[l];
                    dw[l].noalias() = in.transpose() * delta[l];
                    if (l) dx[l].noalias() = delta[l] * w[l].transpose();
                }
            }
    });
}


/// Seconds per epoch of LayerLab's own training of `spec` (bound to the shape's widths) on random
/// rows: plain SGD, MSE, the shape's batch, in a task arena of `threads`; one trainer, one epoch
/// per measurement (stopped after each by its observer).
inline std::vector<double> trainEpochs(const nn::NetworkSpec& spec, const Shape& s, int threads, int repeats) {
    std::vector<double> result;
    tbb::task_arena(threads).execute([&] {
        const auto data = randomData(s);
        nn::NetworkSpec bound = spec;
        bound.bind(s.widths.front(), s.widths.back());
        nn::Network net(bound);
        net.initialize(1);
        train::TrainSettings settings;
        settings.loss = train::LossKind::Mse;
        settings.optimizer.kind = train::OptimizerKind::Sgd;
        settings.optimizer.learningRate = 0.001f;
        settings.batchSize = s.batch;
        settings.epochs = 1 << 30;
        train::Trainer trainer(net, data, nullptr, settings);
        struct StopEachEpoch final : train::TrainerObserver {
            train::Trainer* t = nullptr;
            void onEpoch(const train::EpochReport&) override { t->requestStop(); }
        } stopper;
        stopper.t = &trainer;
        result = timeEpochs(repeats, [&] { trainer.run(&stopper); });
    });
    return result;
}

} // namespace layerlab::bench
