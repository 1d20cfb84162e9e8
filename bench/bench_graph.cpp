// Shape inference and validation of a 200-layer graph, as the canvas runs them on every edit
// (issue 20's target: under 5 ms). 50 residual blocks x + relu(batchnorm(dense(x))), 203 layers
// with the first dense and the output; each "edit" sets one width and re-runs the shapes and
// the design check. Prints the median and the slowest of 2,000 edits.
#include "nn/GraphText.h"
#include "train/DesignCheck.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace layerlab::engine;

int main() {
    std::string text = "r0=dense(64,relu)(input)";
    for (int b = 1; b <= 50; ++b) {
        const std::string in = "r" + std::to_string(b - 1), n = std::to_string(b);
        text += "; d" + n + "=dense(64)(" + in + "); n" + n + "=batchnorm(d" + n + "); a" + n + "=activation(relu)(n" + n +
                "); r" + n + "=add(" + in + ",a" + n + ")";
    }
    nn::NetworkSpec spec = nn::parseGraph(text);
    spec.bind(32, 2);
    std::printf("layers: %zu\n", spec.layers.size());
    std::vector<double> ms;
    for (int edit = 0; edit < 2000; ++edit) {
        spec.layers[std::size_t(edit % 4 == 0 ? 0 : 2)].units = 64; // an edit that keeps the design valid
        const auto start = std::chrono::steady_clock::now();
        const auto shapes = spec.sequenceShapes();
        const auto problems = train::DesignCheck::run(spec, train::LossKind::SoftmaxCrossEntropy, {});
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (shapes.size() != spec.layers.size() || problems.size() > 100) return 1;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("shape inference + design check per edit: median %.3f ms, slowest %.3f ms\n", ms[ms.size() / 2], ms.back());
}
