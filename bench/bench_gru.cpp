// GRU training throughput: 20 steps of 32 features → GRU(64) → dense(1), MSE, plain SGD, batch
// 64, random data (4096 sequences), one epoch per measurement after a warm-up epoch.
// bench_gru_torch.py runs the same in PyTorch (torch.nn.GRU). Prints one JSON line per thread
// count: {"peer": "layerlab", "net": "gru 20x32-64-1", "threads", "samples_per_s" (median), "runs"}.
//   bench_gru THREADS [REPEATS]
#include "core/Rng.h"
#include "nn/Network.h"
#include "train/Trainer.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace layerlab::engine;

int main(int argc, char** argv) {
    const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
    constexpr int kSteps = 20, kFeatures = 32, kUnits = 64, kBatch = 64, kSamples = 4096;
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
    std::vector<double> runs;
    tbb::task_arena(threads).execute([&] {
        data::Dataset d{Matrix(kSamples, kSteps * kFeatures), Matrix(kSamples, 1)};
        Rng rng(1);
        for (Eigen::Index i = 0; i < d.features.size(); ++i) d.features.data()[i] = rng.uniform(-1.0f, 1.0f);
        for (Eigen::Index i = 0; i < d.targets.size(); ++i) d.targets.data()[i] = rng.uniform(-1.0f, 1.0f);
        nn::NetworkSpec spec;
        spec.inputs = kSteps * kFeatures;
        spec.steps = kSteps;
        spec.layers = {nn::LayerSpec::recurrent(nn::Cell::Gru, kUnits), nn::LayerSpec::dense(1)};
        nn::Network net(spec);
        net.initialize(1);
        train::TrainSettings s;
        s.loss = train::LossKind::Mse;
        s.optimizer.kind = train::OptimizerKind::Sgd;
        s.optimizer.learningRate = 0.001f;
        s.batchSize = kBatch;
        s.epochs = 1 << 30;
        train::Trainer trainer(net, d, nullptr, s);
        struct StopEachEpoch final : train::TrainerObserver {
            train::Trainer* t = nullptr;
            void onEpoch(const train::EpochReport&) override { t->requestStop(); }
        } stopper;
        stopper.t = &trainer;
        trainer.run(&stopper); // warm-up
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            trainer.run(&stopper);
            runs.push_back(kSamples / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
    });
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    std::printf("{\"peer\": \"layerlab\", \"net\": \"gru 20x32-64-1\", \"batch\": %d, \"threads\": %d, \"samples_per_s\": %.1f, \"runs\": [",
                kBatch, threads, sorted[sorted.size() / 2]);
    for (std::size_t i = 0; i < runs.size(); ++i) std::printf("%s%.1f", i ? ", " : "", runs[i]);
    std::printf("]}\n");
}
