// Dense training throughput (samples/s, plain SGD, MSE loss) of LayerLab and its C/C++ peers on
// the PRODUCT.md nets, plus the same net's matrix products alone (the GEMM-bound limit).
//   bench_dense --peer layerlab|eigen-gemm|blas-gemm|fann|dlib --threads N [--repeats R]
// Prints one JSON line per net: {"peer", "net", "threads", "samples_per_s" (median), "runs": [...]}.
// Thread counts: LayerLab uses a TBB arena of N; dlib follows OPENBLAS_NUM_THREADS (set by run.sh);
// FANN and eigen-gemm are single-threaded; blas-gemm runs LayerLab's tiled products in a TBB arena of
// N, so at 2 threads it gives the GEMM-bound ceiling of LayerLab's own 2t ÷ 1t scaling.
#include "BenchCommon.h"
#include "Shapes.h"

#include "nn/Kernels.h"
#include "train/Trainer.h"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include <floatfann.h>

#include <dlib/dnn.h>

extern "C" void openblas_set_num_threads(int);

namespace {

using namespace layerlab;
using namespace layerlab::engine;
using bench::Shape;
using bench::gemmOnly;
using bench::randomData;
using bench::timeEpochs;
using bench::trainEpochs;

std::vector<double> runLayerlab(const Shape& s, int threads, int repeats) {
    std::vector<int> hidden(s.widths.begin() + 1, s.widths.end() - 1);
    return bench::trainEpochs(nn::NetworkSpec::mlp(s.widths.front(), hidden, s.tanh ? nn::Activation::Tanh : nn::Activation::Relu, s.widths.back()),
                              s, threads, repeats);
}

std::vector<double> runFann(const Shape& s, int repeats) {
    std::vector<unsigned> widths(s.widths.begin(), s.widths.end());
    struct fann* ann = fann_create_standard_array(unsigned(widths.size()), widths.data());
    // FANN 2.2 has no ReLU; its piecewise-linear unit costs the same.
    fann_set_activation_function_hidden(ann, s.tanh ? FANN_SIGMOID_SYMMETRIC : FANN_LINEAR_PIECE);
    fann_set_activation_function_output(ann, FANN_LINEAR);
    // FANN has no mini-batches: incremental (per-sample) SGD is its closest mode.
    fann_set_training_algorithm(ann, FANN_TRAIN_INCREMENTAL);
    fann_set_learning_rate(ann, 0.001f);
    const auto d = randomData(s);
    struct fann_train_data* train = fann_create_train(unsigned(s.samples), unsigned(s.widths.front()), unsigned(s.widths.back()));
    for (int i = 0; i < s.samples; ++i) {
        std::memcpy(train->input[i], d.features.row(i).data(), sizeof(float) * std::size_t(d.features.cols()));
        std::memcpy(train->output[i], d.targets.row(i).data(), sizeof(float) * std::size_t(d.targets.cols()));
    }
    auto result = timeEpochs(repeats, [&] { fann_train_epoch(ann, train); });
    fann_destroy_train(train);
    fann_destroy(ann);
    return result;
}

template <typename Net>
std::vector<double> dlibRun(const Shape& s, int repeats) {
    Net net;
    const auto d = randomData(s);
    std::vector<dlib::matrix<float, 0, 1>> x(std::size_t(s.samples)), y(std::size_t(s.samples));
    for (int i = 0; i < s.samples; ++i) {
        x[std::size_t(i)].set_size(long(d.features.cols()));
        y[std::size_t(i)].set_size(long(d.targets.cols()));
        for (long j = 0; j < d.features.cols(); ++j) x[std::size_t(i)](j) = d.features(i, j);
        for (long j = 0; j < d.targets.cols(); ++j) y[std::size_t(i)](j) = d.targets(i, j);
    }
    std::vector<dlib::sgd> solvers(Net::num_computational_layers, dlib::sgd(0, 0));
    dlib::resizable_tensor input;
    return timeEpochs(repeats, [&] {
        for (int b = 0; b + s.batch <= s.samples; b += s.batch) {
            net.to_tensor(x.begin() + b, x.begin() + b + s.batch, input);
            net.compute_parameter_gradients(input, y.begin() + b);
            net.update_parameters(dlib::make_sstack(solvers), 0.001);
        }
    });
}

template <long N, typename T> using fc = dlib::fc<N, T>;
using Input = dlib::input<dlib::matrix<float, 0, 1>>;
using Loss = dlib::loss_mean_squared_multioutput<void>;
template <typename T> using LossOf = dlib::loss_mean_squared_multioutput<T>;
using Dlib1 = LossOf<fc<1, dlib::htan<fc<8, dlib::htan<fc<8, Input>>>>>>;
using Dlib2 = LossOf<fc<2, dlib::relu<fc<64, dlib::relu<fc<64, Input>>>>>>;
using Dlib3 = LossOf<fc<10, dlib::relu<fc<128, dlib::relu<fc<256, Input>>>>>>;
using Dlib4 = LossOf<fc<10, dlib::relu<fc<2048, dlib::relu<fc<2048, Input>>>>>>;

std::vector<double> dlibNet(std::size_t index, const Shape& s, int repeats) {
    switch (index) {
    case 0: return dlibRun<Dlib1>(s, repeats);
    case 1: return dlibRun<Dlib2>(s, repeats);
    case 2: return dlibRun<Dlib3>(s, repeats);
    default: return dlibRun<Dlib4>(s, repeats);
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string peer = "layerlab";
    int threads = 1, repeats = 5;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--peer") peer = argv[i + 1];
        else if (flag == "--threads") threads = std::atoi(argv[i + 1]);
        else if (flag == "--repeats") repeats = std::atoi(argv[i + 1]);
        else if (flag == "--net") only = argv[i + 1];
    }
    const auto all = bench::shapes();
    for (std::size_t n = 0; n < all.size(); ++n) {
        const Shape& s = all[n];
        if (!only.empty() && s.name.find(only) == std::string::npos) continue;
        std::vector<double> seconds;
        if (peer == "layerlab") seconds = runLayerlab(s, threads, repeats);
        else if (peer == "eigen-gemm") seconds = gemmOnly(s, repeats, false, threads);
        else if (peer == "blas-gemm") seconds = gemmOnly(s, repeats, true, threads);
        else if (peer == "fann") seconds = runFann(s, s.widths.front() >= 784 ? std::min(repeats, 2) : repeats); // ~40 s/epoch on the largest
        else if (peer == "dlib") seconds = dlibNet(n, s, repeats);
        else {
            std::fprintf(stderr, "unknown peer %s\n", peer.c_str());
            return 2;
        }
        std::vector<double> rates;
        for (const double t : seconds) rates.push_back(double(s.samples) / t);
        std::vector<double> sorted = rates;
        std::sort(sorted.begin(), sorted.end());
        std::printf("{\"peer\": \"%s\", \"net\": \"%s\", \"threads\": %d, \"samples_per_s\": %.1f, \"runs\": [", peer.c_str(),
                    s.name.c_str(), threads, sorted[sorted.size() / 2]);
        for (std::size_t i = 0; i < rates.size(); ++i) std::printf("%s%.1f", i ? ", " : "", rates[i]);
        std::printf("]}\n");
        std::fflush(stdout);
    }
}
