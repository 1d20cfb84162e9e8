#include "Kernels.h"

#include "core/Error.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
#include <cblas.h>
void openblas_set_num_threads(int);
}

namespace layerlab::engine::nn {
namespace {

// Below this many multiply-adds, a plain loop beats any packed GEMM. (Eigen's lazy product is not
// used: it fuses multiply-adds on SIMD packets but not on the peeled scalar columns, so its bits
// would depend on the output's address.)
constexpr double kLoopMacs = 4096;
// Below this, Eigen's own GEMM; above, OpenBLAS (about 1.6x Eigen on this class of CPU).
constexpr double kBlasMacs = 64.0 * 64.0 * 64.0;
// Tile limits. Every tile packs its share of both operands again, so each extra tile costs time on
// one core: over all products of a bench-net step, up to 16 tiles ran 6-13 % slower than untiled
// calls, up to 8 (with C cleared below) within 4 %. Eight is the trade: a product shares out to at
// most 8 cores, and enough tiles per thread let a late worker catch up. A limit of 2 made the
// largest bench net about 6 % faster on one thread (median of 8 interleaved rounds, -2 to
// +15 %) but made the 784-wide net 0-25 % slower at 2 threads (2 tiles on 2 threads: no
// slack for a worker that starts late). Powers of two split evenly over 2, 4 or 8 threads. LAYERLAB_TILES lowers the limit.
constexpr int kMaxTiles = 8;
constexpr int kMinTileCols = 128;
constexpr int kMinTileRows = 64;
constexpr std::size_t kReduceChunk = 1 << 16;

// 0 until the first product reads the environment.
std::atomic<int> g_tileLimit{0};

int defaultTileLimit() {
    if (const char* text = std::getenv("LAYERLAB_TILES")) return parseTileLimit(text);
    return kMaxTiles;
}

void pinBlasToOneThread() {
    // Our TBB partition is the only parallelism; each BLAS call must stay on its task's thread.
    static std::once_flag once;
    std::call_once(once, [] { openblas_set_num_threads(1); });
}

using Stride = Eigen::OuterStride<>;
using ConstBlock = Eigen::Map<const Matrix, 0, Stride>;
using Block = Eigen::Map<Matrix, 0, Stride>;

// C[i, j] (+)= sum over p of op(A)[i, p] * op(B)[p, j], always summed in p order from the old C
// (or 0), so the bits do not depend on how the compiler vectorizes. Templated on the transposes
// so no branch sits in an inner loop.
template <bool TA, bool TB>
void loopProductT(const float* a, int lda, const float* b, int ldb, float* c, int ldc, int m, int n, int k, float beta) {
    for (int i = 0; i < m; ++i) {
        float* ci = c + std::size_t(i) * ldc;
        if (!TB && n == 1) {
            // One output column: a dot product (same p order as the row form below).
            float sum = beta == 0.0f ? 0.0f : ci[0];
            for (int p = 0; p < k; ++p) sum += (TA ? a[std::size_t(p) * lda + i] : a[std::size_t(i) * lda + p]) * b[std::size_t(p) * ldb];
            ci[0] = sum;
        } else if constexpr (!TB) {
            // Rows of B are contiguous: accumulate whole rows (vectorizes over j).
            if (beta == 0.0f) std::fill(ci, ci + n, 0.0f);
            for (int p = 0; p < k; ++p) {
                const float aip = TA ? a[std::size_t(p) * lda + i] : a[std::size_t(i) * lda + p];
                const float* bp = b + std::size_t(p) * ldb;
                for (int j = 0; j < n; ++j) ci[j] += aip * bp[j];
            }
        } else {
            // Rows of op(B)ᵀ are contiguous: one dot product per element.
            for (int j = 0; j < n; ++j) {
                const float* bj = b + std::size_t(j) * ldb;
                float sum = beta == 0.0f ? 0.0f : ci[j];
                for (int p = 0; p < k; ++p) sum += (TA ? a[std::size_t(p) * lda + i] : a[std::size_t(i) * lda + p]) * bj[p];
                ci[j] = sum;
            }
        }
    }
}

void loopProduct(const float* a, Trans ta, int lda, const float* b, Trans tb, int ldb, float* c, int ldc, int m,
                 int n, int k, float beta) {
    if (ta == Trans::No && tb == Trans::No) loopProductT<false, false>(a, lda, b, ldb, c, ldc, m, n, k, beta);
    else if (ta == Trans::Yes && tb == Trans::No) loopProductT<true, false>(a, lda, b, ldb, c, ldc, m, n, k, beta);
    else if (ta == Trans::No) loopProductT<false, true>(a, lda, b, ldb, c, ldc, m, n, k, beta);
    else loopProductT<true, true>(a, lda, b, ldb, c, ldc, m, n, k, beta);
}

void eigenProduct(const float* a, Trans ta, int lda, const float* b, Trans tb, int ldb, float* c,
                  int ldc, int m, int n, int k, float beta) {
    const ConstBlock A(a, ta == Trans::No ? m : k, ta == Trans::No ? k : m, Stride(lda));
    const ConstBlock B(b, tb == Trans::No ? k : n, tb == Trans::No ? n : k, Stride(ldb));
    Block C(c, m, n, Stride(ldc));
    auto run = [&](const auto& opA, const auto& opB) {
        if (beta == 0.0f) C.noalias() = opA * opB;
        else C.noalias() += opA * opB;
    };
    if (ta == Trans::No && tb == Trans::No) run(A, B);
    else if (ta == Trans::Yes && tb == Trans::No) run(A.transpose(), B);
    else if (ta == Trans::No && tb == Trans::Yes) run(A, B.transpose());
    else run(A.transpose(), B.transpose());
}

void blasProduct(const float* a, Trans ta, int lda, const float* b, Trans tb, int ldb, float* c,
                 int ldc, int m, int n, int k, float beta) {
    cblas_sgemm(CblasRowMajor, ta == Trans::No ? CblasNoTrans : CblasTrans,
                tb == Trans::No ? CblasNoTrans : CblasTrans, m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}

// Splits `extent` into at most `parts` pieces of at least `minimum`, with boundaries at multiples
// of 16 (SIMD-friendly).
std::vector<int> boundaries(int extent, int parts, int minimum) {
    std::vector<int> edges{0};
    const int step = std::max(minimum, ((extent + parts - 1) / parts + 15) / 16 * 16);
    for (int e = step; e < extent; e += step) edges.push_back(e);
    edges.push_back(extent);
    return edges;
}

} // namespace

int parseTileLimit(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text == "1" || text == "2" || text == "4" || text == "8") return text[0] - '0';
    throw SpecError("LAYERLAB_TILES must be 1, 2, 4 or 8, not '" + std::string(text) + "'");
}

int tileLimit() {
    int limit = g_tileLimit.load(std::memory_order_relaxed);
    if (limit == 0) {
        limit = defaultTileLimit(); // two threads racing here compute the same value
        g_tileLimit.store(limit, std::memory_order_relaxed);
    }
    return limit;
}

void setTileLimit(int limit) {
    if (limit != 1 && limit != 2 && limit != 4 && limit != 8)
        throw std::invalid_argument("tile limit must be 1, 2, 4 or 8, not " + std::to_string(limit));
    g_tileLimit.store(limit, std::memory_order_relaxed);
}

void gemm(ConstMatrixMap a, Trans ta, ConstMatrixMap b, Trans tb, MatrixMap c, float beta) {
    const int m = static_cast<int>(c.rows());
    const int n = static_cast<int>(c.cols());
    const int k = static_cast<int>(ta == Trans::No ? a.cols() : a.rows());
    eigen_assert((ta == Trans::No ? a.rows() : a.cols()) == m);
    eigen_assert((tb == Trans::No ? b.rows() : b.cols()) == k);
    eigen_assert((tb == Trans::No ? b.cols() : b.rows()) == n);
    if (m == 0 || n == 0) return;
    if (k == 0) {
        if (beta == 0.0f) c.setZero();
        return;
    }
    const int lda = static_cast<int>(a.cols());
    const int ldb = static_cast<int>(b.cols());
    const int ldc = n;
    const double macs = double(m) * n * k;
    if (macs < kLoopMacs) {
        loopProduct(a.data(), ta, lda, b.data(), tb, ldb, c.data(), ldc, m, n, k, beta);
        return;
    }
    if (macs < kBlasMacs) {
        eigenProduct(a.data(), ta, lda, b.data(), tb, ldb, c.data(), ldc, m, n, k, beta);
        return;
    }
    pinBlasToOneThread();
    // Fixed tiling by shape: about one tile per kParallelMacs/2, rounded down to a power of two,
    // at most tileLimit(), split so the tiles are as square as the shape allows (thin tiles cost
    // OpenBLAS efficiency).
    const int want = std::bit_floor(static_cast<unsigned>(std::clamp(macs / (kParallelMacs / 2), 1.0, double(tileLimit()))));
    const int rowWant = std::bit_floor(static_cast<unsigned>(
        std::clamp(static_cast<int>(std::lround(std::sqrt(double(want) * m / n))), 1, want)));
    const std::vector<int> rows = boundaries(m, rowWant, kMinTileRows);
    const int rowParts = static_cast<int>(rows.size()) - 1;
    const std::vector<int> cols = boundaries(n, std::max(1, want / rowParts), kMinTileCols);
    const int colParts = static_cast<int>(cols.size()) - 1;
    auto tile = [&](int t) {
        const int r0 = rows[t / colParts], r1 = rows[t / colParts + 1];
        const int c0 = cols[t % colParts], c1 = cols[t % colParts + 1];
        const float* pa = ta == Trans::No ? a.data() + std::size_t(r0) * lda : a.data() + r0;
        const float* pb = tb == Trans::No ? b.data() + c0 : b.data() + std::size_t(c0) * ldb;
        float* pc = c.data() + std::size_t(r0) * ldc + c0;
        if (beta == 0.0f) {
            // OpenBLAS's own beta = 0 pass over a strided block is about twice as slow as clearing
            // its rows here (perf, 784-wide net: 7.8 % of a step against 3.4 %); 0 + x is x, so
            // the bits are the same either way.
            for (int r = 0; r < r1 - r0; ++r) std::fill_n(pc + std::size_t(r) * ldc, c1 - c0, 0.0f);
        }
        blasProduct(pa, ta, lda, pb, tb, ldb, pc, ldc, r1 - r0, c1 - c0, k, 1.0f);
    };
    const int tiles = rowParts * colParts;
    if (tiles == 1 || macs < kParallelMacs) {
        for (int t = 0; t < tiles; ++t) tile(t);
        return;
    }
    tbb::parallel_for(tbb::blocked_range<int>(0, tiles, 1),
                      [&](const tbb::blocked_range<int>& r) {
                          for (int t = r.begin(); t < r.end(); ++t) tile(t);
                      },
                      tbb::simple_partitioner());
}

void parallelChunksImpl(std::size_t n, ChunkFn fn, void* context, std::size_t grain) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                      [&](const tbb::blocked_range<std::size_t>& r) { fn(context, r.begin(), r.end()); });
}

double sumOfSquares(const float* x, std::size_t n) {
    const std::size_t chunks = (n + kReduceChunk - 1) / kReduceChunk;
    std::vector<double> partial(chunks, 0.0);
    auto run = [&](std::size_t c) {
        const std::size_t begin = c * kReduceChunk;
        const std::size_t end = std::min(n, begin + kReduceChunk);
        double s = 0.0;
        for (std::size_t i = begin; i < end; ++i) s += double(x[i]) * double(x[i]);
        partial[c] = s;
    };
    if (chunks <= 1) {
        if (chunks == 1) run(0);
    } else {
        tbb::parallel_for(std::size_t(0), chunks, run);
    }
    double total = 0.0;
    for (const double p : partial) total += p; // fixed order
    return total;
}

bool allFinite(const float* x, std::size_t n) {
    // The answer is a yes/no, so any partition gives the same one: chunks may run in parallel.
    // A float is NaN or infinite exactly when its exponent bits are all ones. An integer OR
    // reduction vectorizes (a float sum would be a serial dependency chain).
    auto chunkFinite = [x](std::size_t begin, std::size_t end) {
        std::uint32_t bad = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const auto bits = std::bit_cast<std::uint32_t>(x[i]);
            bad |= std::uint32_t((bits & 0x7f800000u) == 0x7f800000u);
        }
        return bad == 0;
    };
    if (n < kReduceChunk) return chunkFinite(0, n);
    std::atomic<bool> finite{true};
    parallelChunks(n, [&](std::size_t b, std::size_t e) {
        if (finite.load(std::memory_order_relaxed) && !chunkFinite(b, e)) finite.store(false, std::memory_order_relaxed);
    });
    return finite.load();
}

} // namespace layerlab::engine::nn
