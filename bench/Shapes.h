// The benchmark nets of PRODUCT.md §5: layer widths, activation and batch size.
#pragma once

#include <string>
#include <vector>

namespace layerlab::bench {

struct Shape {
    std::string name;        ///< "2-8-8-1 tanh"
    std::vector<int> widths; ///< input, hidden..., output
    bool tanh;               ///< tanh hidden layers, else ReLU
    int batch;
    int samples;             ///< samples per epoch
};

inline std::vector<Shape> shapes() {
    return {
        {"2-8-8-1 tanh", {2, 8, 8, 1}, true, 10, 200000},
        {"20-64-64-2 relu", {20, 64, 64, 2}, false, 32, 100000},
        {"784-256-128-10 relu", {784, 256, 128, 10}, false, 64, 20480},
        {"1024-2048-2048-10 relu", {1024, 2048, 2048, 10}, false, 256, 2560},
    };
}

} // namespace layerlab::bench
