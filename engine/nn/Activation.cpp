#include "Activation.h"

#include "Kernels.h"

#include <array>
#include <cmath>
#include <numbers>

namespace layerlab::engine::nn {
namespace {

constexpr float kLeakySlope = 0.01f;
constexpr float kEluAlpha = 1.0f;

constexpr std::array<std::pair<Activation, std::string_view>, 9> kNames{{
    {Activation::Identity, "identity"},
    {Activation::Relu, "relu"},
    {Activation::LeakyRelu, "leaky_relu"},
    {Activation::Elu, "elu"},
    {Activation::Gelu, "gelu"},
    {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Softplus, "softplus"},
    {Activation::Softmax, "softmax"},
}};

// Eigen computes tanh/exp/log1p with a SIMD approximation on aligned packets but with the scalar
// std:: function on an unaligned head or a short tail, and the two differ in the last bit. Which
// elements take which path would then depend on heap addresses and chunk boundaries, breaking
// bitwise reproducibility. So every element goes through the same 16-lane block path: full blocks
// in place, and the tail padded into one more block.
constexpr std::size_t kLanes = 16;
using Block = Eigen::Array<float, kLanes, 1>;

template <typename Op, typename... In>
void blocked(std::size_t n, float* out, Op op, const In*... in) {
    std::size_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
        const Block result = op(Block(Eigen::Map<const Block>(in + i))...);
        Eigen::Map<Block>(out + i) = result;
    }
    if (i == n) return;
    auto tail = [&](const float* src) {
        Block b = Block::Zero();
        std::copy(src + i, src + n, b.data());
        return b;
    };
    const Block result = op(tail(in)...);
    std::copy(result.data(), result.data() + (n - i), out + i);
}

// Runs body over row ranges; element-wise and row-wise work is partition-independent.
template <typename Body>
void overRows(Eigen::Index rows, Eigen::Index cols, Body&& body) {
    const auto r = static_cast<std::size_t>(rows);
    const std::size_t perRow = std::max<std::size_t>(1, static_cast<std::size_t>(cols));
    parallelChunks(r * perRow, [&](std::size_t b, std::size_t e) {
        const std::size_t r0 = (b + perRow - 1) / perRow;
        const std::size_t r1 = std::min(r, (e + perRow - 1) / perRow);
        if (r0 < r1) body(r0, r1);
    });
}

float gelu(float x) { return 0.5f * x * (1.0f + std::erf(x * std::numbers::sqrt2_v<float> * 0.5f)); }
float geluGrad(float x) {
    const float cdf = 0.5f * (1.0f + std::erf(x * std::numbers::sqrt2_v<float> * 0.5f));
    const float pdf = std::exp(-0.5f * x * x) * (std::numbers::inv_sqrtpi_v<float> / std::numbers::sqrt2_v<float>);
    return cdf + x * pdf;
}

} // namespace

std::string_view activationName(Activation a) {
    for (const auto& [k, n] : kNames)
        if (k == a) return n;
    return "?";
}

std::optional<Activation> activationFromName(std::string_view name) {
    for (const auto& [k, n] : kNames)
        if (n == name) return k;
    if (name == "linear" || name == "none") return Activation::Identity;
    if (name == "leakyrelu" || name == "leaky-relu") return Activation::LeakyRelu;
    return std::nullopt;
}

std::string activationNames() {
    std::string all;
    for (const auto& [k, n] : kNames) {
        if (!all.empty()) all += ", ";
        all += n;
    }
    return all;
}

void activationForward(Activation a, ConstMatrixMap x, MatrixMap y) {
    if (a == Activation::Softmax) {
        overRows(x.rows(), x.cols(), [&](std::size_t r0, std::size_t r1) {
            const auto cols = std::size_t(x.cols());
            for (auto r = Eigen::Index(r0); r < Eigen::Index(r1); ++r) {
                const float mx = x.row(r).maxCoeff();
                blocked(cols, y.row(r).data(), [mx](const Block& v) -> Block { return (v - mx).exp(); }, x.row(r).data());
                float sum = 0.0f;
                for (std::size_t c = 0; c < cols; ++c) sum += y(r, Eigen::Index(c)); // fixed order
                y.row(r) /= sum;
            }
        });
        return;
    }
    const auto cols = std::size_t(x.cols());
    overRows(x.rows(), x.cols(), [&](std::size_t r0, std::size_t r1) {
        const std::size_t n = (r1 - r0) * cols;
        const float* in = x.data() + r0 * cols;
        float* out = y.data() + r0 * cols;
        switch (a) {
        case Activation::Identity: std::copy(in, in + n, out); break;
        case Activation::Relu: blocked(n, out, [](const Block& v) -> Block { return v.max(0.0f); }, in); break;
        case Activation::LeakyRelu:
            blocked(n, out, [](const Block& v) -> Block { return (v > 0.0f).select(v, kLeakySlope * v); }, in);
            break;
        case Activation::Elu:
            blocked(n, out, [](const Block& v) -> Block { return (v > 0.0f).select(v, kEluAlpha * (v.exp() - 1.0f)); }, in);
            break;
        case Activation::Gelu: for (std::size_t i = 0; i < n; ++i) out[i] = gelu(in[i]); break; // scalar only
        case Activation::Tanh: blocked(n, out, [](const Block& v) -> Block { return v.tanh(); }, in); break;
        case Activation::Sigmoid: blocked(n, out, [](const Block& v) -> Block { return 1.0f / (1.0f + (-v).exp()); }, in); break;
        case Activation::Softplus:
            blocked(n, out, [](const Block& v) -> Block { return v.max(0.0f) + (-v.abs()).exp().log1p(); }, in);
            break;
        case Activation::Softmax: break;
        }
    });
}

void activationBackward(Activation a, ConstMatrixMap x, ConstMatrixMap y, ConstMatrixMap dy, MatrixMap dx) {
    if (a == Activation::Softmax) {
        overRows(x.rows(), x.cols(), [&](std::size_t r0, std::size_t r1) {
            for (auto r = Eigen::Index(r0); r < Eigen::Index(r1); ++r) {
                const float dot = y.row(r).dot(dy.row(r));
                dx.row(r) = y.row(r).array() * (dy.row(r).array() - dot);
            }
        });
        return;
    }
    const auto cols = std::size_t(x.cols());
    overRows(x.rows(), x.cols(), [&](std::size_t r0, std::size_t r1) {
        const std::size_t n = (r1 - r0) * cols, o = r0 * cols;
        const float *in = x.data() + o, *out = y.data() + o, *g = dy.data() + o;
        float* d = dx.data() + o;
        switch (a) {
        case Activation::Identity: std::copy(g, g + n, d); break;
        case Activation::Relu:
            blocked(n, d, [](const Block& v, const Block& gb) -> Block { return (v > 0.0f).select(gb, 0.0f); }, in, g);
            break;
        case Activation::LeakyRelu:
            blocked(n, d, [](const Block& v, const Block& gb) -> Block { return (v > 0.0f).select(gb, kLeakySlope * gb); }, in, g);
            break;
        case Activation::Elu:
            blocked(n, d, [](const Block& v, const Block& yb, const Block& gb) -> Block {
                return (v > 0.0f).select(gb, gb * (yb + kEluAlpha));
            }, in, out, g);
            break;
        case Activation::Gelu: for (std::size_t i = 0; i < n; ++i) d[i] = g[i] * geluGrad(in[i]); break;
        case Activation::Tanh:
            blocked(n, d, [](const Block& yb, const Block& gb) -> Block { return gb * (1.0f - yb.square()); }, out, g);
            break;
        case Activation::Sigmoid:
            blocked(n, d, [](const Block& yb, const Block& gb) -> Block { return gb * yb * (1.0f - yb); }, out, g);
            break;
        case Activation::Softplus:
            blocked(n, d, [](const Block& v, const Block& gb) -> Block { return gb / (1.0f + (-v).exp()); }, in, g);
            break;
        case Activation::Softmax: break;
        }
    });
}

} // namespace layerlab::engine::nn
