// Matrix kernels used by every layer. Free functions over Eigen maps; no allocation.
//
// Determinism contract: each kernel splits its work into a partition that depends only on the
// operand shapes and the tile limit (below), never on the number of threads, and each output
// element is produced by exactly one task with a fixed summation order. So results are bitwise
// identical whatever the thread count. Parallelism is coarse: a product smaller than
// kParallelMacs runs on the calling thread.
//
// Threading: callable from any thread; runs its parallel parts in the caller's TBB arena.
#pragma once

#include "core/Tensor.h"

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace layerlab::engine::nn {

enum class Trans { No, Yes };

/// Below this many multiply-adds a product is not worth sharing between threads.
inline constexpr double kParallelMacs = 1 << 21;

/// The most tiles a large product is cut into: 1, 2, 4 or 8. 8 unless LAYERLAB_TILES says
/// otherwise (read at the first product). Weights depend on it, never on the thread count, and
/// the default is the same on every machine, so machines of one CPU family train the same bits.
/// Fewer tiles pack less (on one thread the largest bench net trains about 6 % faster with 2
/// tiles than with 8) but balance worse: with 2 tiles on 2 threads a worker that starts late
/// holds up the whole product (the 784-wide bench net ran 0-25 % slower at 2 threads), so 8
/// stays the default.
/// Throws SpecError when LAYERLAB_TILES is not 1, 2, 4 or 8.
int tileLimit();
/// Sets the tile limit for every later product (tests; runs that trade balance for packing).
/// Not while a product runs. Throws std::invalid_argument unless limit is 1, 2, 4 or 8.
void setTileLimit(int limit);
/// Parses a tile limit as LAYERLAB_TILES gives it; throws SpecError naming the variable otherwise.
int parseTileLimit(std::string_view text);

/// C = op(A) · op(B) + beta · C, where C is [m × n]. beta is 0 or 1.
void gemm(ConstMatrixMap a, Trans ta, ConstMatrixMap b, Trans tb, MatrixMap c, float beta = 0.0f);

using ChunkFn = void (*)(void* context, std::size_t begin, std::size_t end);
void parallelChunksImpl(std::size_t n, ChunkFn fn, void* context, std::size_t grain);

/// Runs body(begin, end) over [0, n) in chunks. Only for element-wise work, where any partition
/// gives the same result; work below `serialBelow` elements stays on the calling thread.
/// A template so the hot small-net path calls body directly, with no std::function allocation.
template <typename Body>
void parallelChunks(std::size_t n, Body&& body, std::size_t serialBelow = 1 << 16) {
    if (n < serialBelow) {
        body(std::size_t(0), n);
        return;
    }
    using B = std::remove_reference_t<Body>;
    parallelChunksImpl(
        n, [](void* c, std::size_t b, std::size_t e) { (*static_cast<B*>(c))(b, e); },
        const_cast<void*>(static_cast<const void*>(&body)), serialBelow / 2);
}

/// Sum of squares of x, accumulated in double over fixed 64k-element chunks then in chunk order,
/// so the value does not depend on the thread count.
double sumOfSquares(const float* x, std::size_t n);

/// True when every value is finite.
bool allFinite(const float* x, std::size_t n);

} // namespace layerlab::engine::nn
