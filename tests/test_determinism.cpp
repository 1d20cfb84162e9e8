// Same seed, same data, same settings -> bitwise-identical weights with 1, 2, 4, 7 and 16 threads
// (at the default tile limit and at the others LAYERLAB_TILES may set),
// on a net big enough that the tiled products, parallel element-wise work and the parallel
// gradient-norm reduction all really run in parallel.
#include "TestData.h"
#include "nn/Kernels.h"
#include "train/Trainer.h"

#include <QTest>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstring>

using namespace layerlab::engine;

namespace {

// 64 inputs read as 8 steps of 8 features; rows padded after a row-dependent number of steps.
data::Dataset asPaddedSequences(data::Dataset d) {
    for (Eigen::Index r = 0; r < d.features.rows(); ++r)
        for (Eigen::Index c = 8 * (4 + r % 5); c < 64; ++c) d.features(r, c) = 0.0f;
    return d;
}

nn::NetworkSpec recurrentSpec() {
    nn::NetworkSpec spec;
    spec.inputs = 64;
    spec.steps = 8;
    spec.masked = true;
    spec.layers = {nn::LayerSpec::recurrent(nn::Cell::Gru, 64, true, true), nn::LayerSpec::dropout(0.2f),
                   nn::LayerSpec::recurrent(nn::Cell::Lstm, 48, true), nn::LayerSpec::recurrent(nn::Cell::Rnn, 32),
                   nn::LayerSpec::dense(4)};
    return spec;
}

// A residual block with BatchNorm: dense → batchnorm → relu → dense, added to its input, and a
// layernorm before the output (graph issue: the statistics must not depend on threads either).
nn::NetworkSpec graphSpec() {
    nn::NetworkSpec spec;
    spec.inputs = 64;
    const auto at = [](nn::LayerSpec l, int id, std::vector<int> from) {
        l.id = id;
        l.from = std::move(from);
        return l;
    };
    spec.layers = {at(nn::LayerSpec::dense(256), 1, {0}),
                   at(nn::LayerSpec::of(nn::LayerType::BatchNorm), 2, {1}),
                   at(nn::LayerSpec::act(nn::Activation::Relu), 3, {2}),
                   at(nn::LayerSpec::dense(256), 4, {3}),
                   at(nn::LayerSpec::of(nn::LayerType::Add), 5, {1, 4}),
                   at(nn::LayerSpec::of(nn::LayerType::LayerNorm), 6, {5}),
                   at(nn::LayerSpec::dense(4), 7, {6})};
    return spec;
}

enum class Net { Mlp, Recurrent, Graph };

std::vector<float> trainWith(int threads, train::OptimizerKind kind, Net kindOfNet = Net::Mlp, std::uint64_t seed = 3) {
    const bool recurrent = kindOfNet == Net::Recurrent;
    // Without this TBB caps workers at the core count, and a 16-slot arena on 2 cores would still
    // run 2 threads: the test would not exercise what it names.
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
    std::vector<float> result;
    tbb::task_arena(threads).execute([&] {
        auto train = layerlab::tests::blobs(600, 64, 4, 11), val = layerlab::tests::blobs(100, 64, 4, 12);
        nn::NetworkSpec spec = layerlab::tests::mlpSpec(64, {256, 320}, nn::Activation::Relu, 4);
        spec.layers.insert(spec.layers.begin() + 2, nn::LayerSpec::dropout(0.2f));
        if (recurrent) {
            train = asPaddedSequences(std::move(train));
            val = asPaddedSequences(std::move(val));
            spec = recurrentSpec();
        }
        if (kindOfNet == Net::Graph) spec = graphSpec();
        nn::Network net(spec);
        net.initialize(seed);
        train::TrainSettings s;
        s.optimizer.kind = kind;
        s.optimizer.clipNorm = 1.0f;
        s.batchSize = 128;
        s.epochs = 2;
        s.seed = seed;
        train::Trainer(net, train, &val, s).run();
        result.assign(net.parameters().begin(), net.parameters().end());
        result.insert(result.end(), net.state().begin(), net.state().end()); // BatchNorm's statistics too
    });
    return result;
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameBitsForAnyThreadCount_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("net");
        QTest::addColumn<int>("tiles"); // 0: the default limit (or LAYERLAB_TILES)
        QTest::newRow("sgd") << int(train::OptimizerKind::Sgd) << int(Net::Mlp) << 0;
        QTest::newRow("adam") << int(train::OptimizerKind::Adam) << int(Net::Mlp) << 0;
        // Other limits LAYERLAB_TILES may set.
        QTest::newRow("sgd, 2 tiles") << int(train::OptimizerKind::Sgd) << int(Net::Mlp) << 2;
        QTest::newRow("sgd, 8 tiles") << int(train::OptimizerKind::Sgd) << int(Net::Mlp) << 8;
        QTest::newRow("adam, 8 tiles") << int(train::OptimizerKind::Adam) << int(Net::Mlp) << 8;
        // Bidirectional GRU → LSTM → RNN over padded, masked sequences; big enough that the
        // recurrent layers run their batch shards in parallel.
        QTest::newRow("gru+lstm adam") << int(train::OptimizerKind::Adam) << int(Net::Recurrent) << 0;
        QTest::newRow("residual batchnorm adam") << int(train::OptimizerKind::Adam) << int(Net::Graph) << 0;
    }
    void sameBitsForAnyThreadCount() {
        QFETCH(int, kind);
        QFETCH(int, net);
        QFETCH(int, tiles);
        const int before = nn::tileLimit();
        struct Restore {
            int limit;
            ~Restore() { nn::setTileLimit(limit); }
        } restore{before};
        nn::setTileLimit(tiles == 0 ? before : tiles);
        const auto reference = trainWith(1, train::OptimizerKind(kind), Net(net));
        for (const int threads : {2, 4, 7, 16}) {
            const auto other = trainWith(threads, train::OptimizerKind(kind), Net(net));
            QCOMPARE(other.size(), reference.size());
            std::size_t firstDiff = reference.size();
            for (std::size_t i = 0; i < reference.size() && firstDiff == reference.size(); ++i)
                if (std::memcmp(&reference[i], &other[i], sizeof(float)) != 0) firstDiff = i;
            QVERIFY2(firstDiff == reference.size(),
                     qPrintable(QString("%1 threads: first difference at parameter %2").arg(threads).arg(firstDiff)));
        }
    }
    void differentSeedDiffers() {
        // Guards against a test that passes because nothing was trained, or because the seed is
        // ignored: training moved the weights, and a second seed trains to other weights.
        const auto a = trainWith(2, train::OptimizerKind::Sgd);
        nn::NetworkSpec spec = layerlab::tests::mlpSpec(64, {256, 320}, nn::Activation::Relu, 4);
        spec.layers.insert(spec.layers.begin() + 2, nn::LayerSpec::dropout(0.2f));
        nn::Network net(spec);
        net.initialize(3);
        QCOMPARE(a.size(), net.parameterCount());
        QVERIFY(std::memcmp(a.data(), net.parameters().data(), sizeof(float) * a.size()) != 0);
        const auto b = trainWith(2, train::OptimizerKind::Sgd, Net::Mlp, 4);
        QCOMPARE(b.size(), a.size());
        QVERIFY(std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) != 0);
    }
};

QTEST_APPLESS_MAIN(TestDeterminism)
#include "test_determinism.moc"
