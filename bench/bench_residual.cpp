// A residual MLP against the chain of the same depth and their matrix products alone: what a
// skip connection costs beyond its arithmetic (an element-wise sum forward, a gradient copy back).
//   bench_residual --threads N [--repeats R] [--width W] [--blocks B]
// Prints one JSON line per peer, as bench_dense does: {"peer", "net", "threads", "samples_per_s"
// (median), "runs": [...]}. Peers: "layerlab residual" (input → dense(W) → B blocks of
// h + relu(dense(W)(h)) → dense(10)), "layerlab chain" (the same dense layers, no adds) and
// "blas-gemm" (their forward and backward products in LayerLab's tiles: the GEMM bound, equal for
// both since an add has no products). Plain SGD, MSE, batch 64, random data.
#include "BenchCommon.h"

#include "nn/GraphText.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using namespace layerlab;
using namespace layerlab::engine;

void print(const char* peer, const std::string& net, int threads, int samples, const std::vector<double>& seconds) {
    std::vector<double> rates;
    for (const double t : seconds) rates.push_back(double(samples) / t);
    std::vector<double> sorted = rates;
    std::sort(sorted.begin(), sorted.end());
    std::printf("{\"peer\": \"%s\", \"net\": \"%s\", \"threads\": %d, \"samples_per_s\": %.1f, \"runs\": [", peer, net.c_str(), threads,
                sorted[sorted.size() / 2]);
    for (std::size_t i = 0; i < rates.size(); ++i) std::printf("%s%.1f", i ? ", " : "", rates[i]);
    std::printf("]}\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    int threads = 1, repeats = 5, width = 256, blocks = 4;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--threads") threads = std::atoi(argv[i + 1]);
        else if (flag == "--repeats") repeats = std::atoi(argv[i + 1]);
        else if (flag == "--width") width = std::atoi(argv[i + 1]);
        else if (flag == "--blocks") blocks = std::atoi(argv[i + 1]);
    }
    const std::string w = std::to_string(width);
    std::string text = "h0=dense(" + w + ",relu)(input)";
    for (int b = 1; b <= blocks; ++b) {
        const std::string k = std::to_string(b), prev = "h" + std::to_string(b - 1);
        text += "; b" + k + "=dense(" + w + ",relu)(" + prev + "); h" + k + "=add(" + prev + ",b" + k + ")";
    }
    const nn::NetworkSpec residual = nn::parseGraph(text);
    const nn::NetworkSpec chain = nn::NetworkSpec::mlp(0, std::vector<int>(std::size_t(blocks + 1), width), nn::Activation::Relu, 0);
    bench::Shape s{w + "-" + w + "x" + std::to_string(blocks + 1) + "-10 relu", {width}, false, 64, 20480};
    for (int b = 0; b <= blocks; ++b) s.widths.push_back(width);
    s.widths.push_back(10);
    const std::string net = s.name;
    print("layerlab residual", net, threads, s.samples, bench::trainEpochs(residual, s, threads, repeats));
    print("layerlab chain", net, threads, s.samples, bench::trainEpochs(chain, s, threads, repeats));
    print("blas-gemm", net, threads, s.samples, bench::gemmOnly(s, repeats, true, threads));
}
