// The NaN/Inf guard: training stops, says at which step and where, and leaves finite weights
// that the run really had (never half-updated ones).
#include "TestData.h"
#include "nn/Kernels.h"
#include "train/Trainer.h"

#include <QTest>

#include <cstring>

using namespace layerlab::engine;

namespace {
struct Snapshots final : train::TrainerObserver {
    nn::Network* net = nullptr;
    std::vector<std::vector<float>> seen;
    void onBatch(const train::BatchReport&) override { seen.emplace_back(net->parameters().begin(), net->parameters().end()); }
    bool contains(std::span<const float> p) const {
        for (const auto& s : seen)
            if (std::memcmp(s.data(), p.data(), p.size_bytes()) == 0) return true;
        return false;
    }
};
} // namespace

class TestNanGuard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void explodingLearningRate() {
        auto data = layerlab::tests::blobs(200, 4, 2, 1);
        data.features *= 1e3f;
        nn::Network net(layerlab::tests::mlpSpec(4, {16}, nn::Activation::Relu, 2));
        net.initialize(1);
        train::TrainSettings s;
        s.optimizer.kind = train::OptimizerKind::Sgd;
        s.optimizer.learningRate = 1e30f;
        s.epochs = 50;
        Snapshots snaps;
        snaps.net = &net;
        snaps.seen.emplace_back(net.parameters().begin(), net.parameters().end());
        const auto result = train::Trainer(net, data, nullptr, s).run(&snaps);
        QCOMPARE(result.reason, train::StopReason::NonFinite);
        QVERIFY2(result.message.find("step " + std::to_string(result.steps + 1)) != std::string::npos, result.message.c_str());
        QVERIFY(nn::allFinite(net.parameters().data(), net.parameterCount()));
        QVERIFY2(snaps.contains(net.parameters()), "the weights are not ones the run actually had");
    }
    void nanInTheDataNamesTheFirstLayer() {
        auto data = layerlab::tests::blobs(64, 4, 2, 1);
        data.features(37, 2) = std::nanf("");
        nn::Network net(layerlab::tests::mlpSpec(4, {8}, nn::Activation::Tanh, 2));
        net.initialize(1);
        const std::vector<float> before(net.parameters().begin(), net.parameters().end());
        train::TrainSettings s;
        s.batchSize = 64; // the poisoned row is in the first batch
        const auto result = train::Trainer(net, data, nullptr, s).run();
        QCOMPARE(result.reason, train::StopReason::NonFinite);
        QCOMPARE(result.steps, std::int64_t(0));
        QVERIFY2(result.message.find("step 1") != std::string::npos, result.message.c_str());
        QVERIFY2(result.message.find("layer 1 (dense)") != std::string::npos, result.message.c_str());
        QVERIFY(std::memcmp(before.data(), net.parameters().data(), before.size() * sizeof(float)) == 0);
    }
};

QTEST_APPLESS_MAIN(TestNanGuard)
#include "test_nan_guard.moc"
