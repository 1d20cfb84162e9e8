// gemm against a naive reference for every transpose combination and size class (coefficient
// product, Eigen GEMM, tiled OpenBLAS), plus the thread-count independence of the tiled path.
#include "core/Error.h"
#include "nn/Activation.h"
#include "nn/DenseLayer.h"
#include "nn/Kernels.h"
#include "nn/Network.h"

#include <QTest>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <random>

using namespace layerlab::engine;
using nn::Trans;

namespace {
Matrix random(Eigen::Index r, Eigen::Index c, unsigned seed) {
    std::mt19937 g(seed);
    std::uniform_real_distribution<float> u(-1, 1);
    Matrix m(r, c);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = u(g);
    return m;
}
ConstMatrixMap cmap(const Matrix& m) { return ConstMatrixMap(m.data(), m.rows(), m.cols()); }
MatrixMap map(Matrix& m) { return MatrixMap(m.data(), m.rows(), m.cols()); }
} // namespace

class TestKernels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gemmMatchesReference_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::newRow("tiny (lazy)") << 10 << 8 << 2;
        QTest::newRow("small (eigen)") << 32 << 64 << 20;
        QTest::newRow("medium (blas)") << 64 << 100 << 70;
        QTest::newRow("large (tiled)") << 200 << 300 << 150;
        QTest::newRow("odd edges (tiled)") << 257 << 129 << 97;
        QTest::newRow("k = 1") << 50 << 40 << 1;
    }
    void gemmMatchesReference() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        for (const Trans ta : {Trans::No, Trans::Yes})
            for (const Trans tb : {Trans::No, Trans::Yes})
                for (const float beta : {0.0f, 1.0f}) {
                    const Matrix a = ta == Trans::No ? random(m, k, 1) : random(k, m, 1);
                    const Matrix b = tb == Trans::No ? random(k, n, 2) : random(n, k, 2);
                    Matrix c = random(m, n, 3);
                    Matrix expected = (ta == Trans::No ? a : Matrix(a.transpose())) * (tb == Trans::No ? b : Matrix(b.transpose()));
                    if (beta == 1.0f) expected += c;
                    nn::gemm(cmap(a), ta, cmap(b), tb, map(c), beta);
                    const float err = (c - expected).cwiseAbs().maxCoeff();
                    QVERIFY2(err < 1e-3f * float(k), qPrintable(QString("error %1").arg(err)));
                }
    }
    void tiledProductIgnoresThreadCount_data() {
        QTest::addColumn<int>("tiles");
        for (const int tiles : {1, 2, 4, 8}) QTest::addRow("%d tiles", tiles) << tiles;
    }
    void tiledProductIgnoresThreadCount() {
        // Every tile limit LAYERLAB_TILES may set, each at thread counts below, at and above it.
        QFETCH(int, tiles);
        struct Restore { // also when a check below fails and returns early
            int limit;
            ~Restore() { nn::setTileLimit(limit); }
        } restore{nn::tileLimit()};
        nn::setTileLimit(tiles);
        // TBB caps workers at the core count unless allowed more: without this an 8-slot arena on
        // a 2-core machine would run 2 threads, and the test would not check what it names.
        tbb::global_control allow(tbb::global_control::max_allowed_parallelism, 8);
        const Matrix a = random(256, 512, 4), b = random(512, 384, 5);
        const Matrix c0 = random(256, 384, 6);
        Matrix reference = c0;
        tbb::task_arena(1).execute([&] { nn::gemm(cmap(a), Trans::No, cmap(b), Trans::No, map(reference)); });
        QVERIFY((reference - a * b).cwiseAbs().maxCoeff() < 1e-3f); // C's old values were replaced
        for (const int threads : {2, 3, 4, 8}) {
            Matrix c = c0;
            tbb::task_arena(threads).execute([&] { nn::gemm(cmap(a), Trans::No, cmap(b), Trans::No, map(c)); });
            QVERIFY2(std::memcmp(c.data(), reference.data(), sizeof(float) * std::size_t(c.size())) == 0,
                     qPrintable(QString("differs with %1 threads").arg(threads)));
        }
        // Tiles cut only the rows and columns of C, never the sum over k. Whether every tile limit
        // then gives the same bits depends on the CPU's OpenBLAS kernel: on AVX2 (Haswell kernel)
        // it does; on AVX-512 (SkylakeX kernel, an AMD EPYC Zen 4 here) a tile's edge rows take
        // another code path and the last bits move. So the limit is a setting of a run (train
        // prints it), and across limits only rounding may differ.
        Matrix untiled = c0;
        nn::setTileLimit(1);
        tbb::task_arena(1).execute([&] { nn::gemm(cmap(a), Trans::No, cmap(b), Trans::No, map(untiled)); });
        const float scale = reference.cwiseAbs().maxCoeff();
        QVERIFY2((untiled - reference).cwiseAbs().maxCoeff() <= 1e-5f * scale, "a tile limit changed the product beyond rounding");
    }
    void tileLimitIsValidated() {
        QCOMPARE(nn::parseTileLimit("4"), 4);
        QCOMPARE(nn::parseTileLimit(" 8\t"), 8);
        for (const char* bad : {"", "0", "3", "16", "-2", "two", "4x", "1.5"}) {
            bool threw = false;
            try {
                nn::parseTileLimit(bad);
            } catch (const SpecError& e) {
                threw = QString(e.what()).contains("LAYERLAB_TILES");
            }
            QVERIFY2(threw, bad);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nn::setTileLimit(3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, nn::setTileLimit(0));
        if (!qEnvironmentVariableIsSet("LAYERLAB_TILES")) QCOMPARE(nn::tileLimit(), 8); // the same on every machine
    }
    void resultsIgnoreAlignment_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::newRow("loop") << 10 << 8 << 8;
        QTest::newRow("eigen") << 32 << 64 << 20;
        QTest::newRow("blas") << 64 << 100 << 70;
    }
    void resultsIgnoreAlignment() {
        // The same product and activations on buffers shifted by 0..15 floats must give the same
        // bits: SIMD and scalar paths differ in the last bit, and which elements take which path
        // must not depend on where the heap put a buffer.
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        const Matrix a = random(m, k, 1), b = random(k, n, 2);
        std::vector<float> reference, activated;
        for (int shift = 0; shift < 16; ++shift) {
            std::vector<float> storage(std::size_t(m * k + k * n + 2 * m * n + 64));
            float* pa = storage.data() + shift;
            float* pb = pa + m * k;
            float* pc = pb + k * n;
            float* py = pc + m * n;
            std::copy(a.data(), a.data() + a.size(), pa);
            std::copy(b.data(), b.data() + b.size(), pb);
            nn::gemm(ConstMatrixMap(pa, m, k), Trans::No, ConstMatrixMap(pb, k, n), Trans::No, MatrixMap(pc, m, n));
            std::vector<float> all(pc, pc + m * n);
            for (int act = 0; act <= int(nn::Activation::Softmax); ++act) {
                nn::activationForward(nn::Activation(act), ConstMatrixMap(pc, m, n), MatrixMap(py, m, n));
                all.insert(all.end(), py, py + m * n);
            }
            if (shift == 0) reference = all;
            QVERIFY2(std::memcmp(all.data(), reference.data(), all.size() * sizeof(float)) == 0,
                     qPrintable(QString("shift %1 changed the result").arg(shift)));
        }
    }
    void denseLayerIgnoresAlignment() {
        // Forward and backward of a layer (bias sums included) on buffers shifted by 0..15 floats.
        const int batch = 32, in = 10, out = 8;
        const Matrix x = random(batch, in, 7), dy = random(batch, out, 8);
        std::vector<float> reference;
        for (int shift = 0; shift < 16; ++shift) {
            std::vector<float> storage(std::size_t(2 * (in * out + out) + batch * (2 * in + 2 * out) + 64));
            float* params = storage.data() + shift;
            float* grads = params + in * out + out;
            float* px = grads + in * out + out;
            float* py = px + batch * in;
            float* pdy = py + batch * out;
            float* pdx = pdy + batch * out;
            std::copy(x.data(), x.data() + x.size(), px);
            std::copy(dy.data(), dy.data() + dy.size(), pdy);
            nn::DenseLayer layer(in, out, nn::Initializer::GlorotUniform, "d");
            layer.bind(params, grads);
            Rng rng(1);
            layer.initialize(rng);
            layer.forward(ConstMatrixMap(px, batch, in), MatrixMap(py, batch, out), nn::Mode::Train, rng);
            layer.backward(ConstMatrixMap(px, batch, in), ConstMatrixMap(py, batch, out), ConstMatrixMap(pdy, batch, out),
                           MatrixMap(pdx, batch, in));
            std::vector<float> all(py, py + batch * out);
            all.insert(all.end(), grads, grads + in * out + out);
            all.insert(all.end(), pdx, pdx + batch * in);
            if (shift == 0) reference = all;
            QVERIFY2(std::memcmp(all.data(), reference.data(), all.size() * sizeof(float)) == 0,
                     qPrintable(QString("shift %1 changed the result").arg(shift)));
        }
    }
    void gradientsAddIntoZerosOrOverwrite_data() {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("width");
        QTest::newRow("loop products") << 4 << 6;
        QTest::newRow("eigen products") << 32 << 48;
        QTest::newRow("tiled products") << 128 << 320;
    }
    void gradientsAddIntoZerosOrOverwrite() {
        // A backward after the optimizer cleared the gradients (and said so) adds into them; any
        // other backward overwrites whatever is there. Both must give the same bits.
        QFETCH(int, batch);
        QFETCH(int, width);
        nn::NetworkSpec spec;
        spec.inputs = width;
        spec.layers = {nn::LayerSpec::dense(width), nn::LayerSpec::act(nn::Activation::Relu), nn::LayerSpec::dense(3)};
        nn::Network net(spec);
        net.initialize(5);
        const Matrix x = random(batch, width, 9), dy = random(batch, 3, 10);
        Rng rng(1);
        auto gradients = [&] {
            net.forward(cmap(x), nn::Mode::Train, rng);
            net.backward(cmap(dy));
            return std::vector<float>(net.gradients().begin(), net.gradients().end());
        };
        const auto first = gradients(); // into the zeros the network starts with
        for (float& g : net.gradients()) g = 7.0f;
        QVERIFY2(gradients() == first, "did not overwrite stale gradients");
        std::fill(net.gradients().begin(), net.gradients().end(), 0.0f);
        net.markGradientsZero();
        const auto added = gradients();
        QVERIFY(std::memcmp(added.data(), first.data(), first.size() * sizeof(float)) == 0);
        QVERIFY(std::any_of(first.begin(), first.end(), [](float g) { return g != 0.0f; }));
    }
    void reductions() {
        std::vector<float> x(300000, 0.5f);
        QCOMPARE(nn::sumOfSquares(x.data(), x.size()), 0.25 * 300000);
        QVERIFY(nn::allFinite(x.data(), x.size()));
        x[123456] = std::numeric_limits<float>::infinity();
        QVERIFY(!nn::allFinite(x.data(), x.size()));
        x[123456] = std::nanf("");
        QVERIFY(!nn::allFinite(x.data(), x.size()));
    }
};

QTEST_APPLESS_MAIN(TestKernels)
#include "test_kernels.moc"
