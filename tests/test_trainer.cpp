// Trainer controls: observer calls, stop, pause + step, mid-run settings changes, early stopping
// with best-weights restore, and continuing a run.
#include "TestData.h"
#include "core/Error.h"
#include "train/Evaluation.h"
#include "train/Trainer.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace layerlab::engine;
using layerlab::tests::blobs;
using layerlab::tests::mlpSpec;

namespace {

struct Recorder final : train::TrainerObserver {
    std::vector<train::EpochReport> epochs;
    std::vector<train::BatchReport> batches;
    std::vector<std::pair<train::TrainSettings, std::int64_t>> applied;
    std::function<void(const train::BatchReport&)> onEachBatch;
    void onBatch(const train::BatchReport& b) override {
        batches.push_back(b);
        if (onEachBatch) onEachBatch(b);
    }
    void onEpoch(const train::EpochReport& e) override { epochs.push_back(e); }
    void onSettingsApplied(const train::TrainSettings& s, std::int64_t step) override { applied.emplace_back(s, step); }
};

train::TrainSettings settings(int epochs, int batch = 16) {
    train::TrainSettings s;
    s.epochs = epochs;
    s.batchSize = batch;
    s.optimizer.learningRate = 0.05f;
    return s;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reportsEveryEpochAndBatch() {
        const auto train = blobs(100, 4, 3, 1), val = blobs(40, 4, 3, 2);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 3));
        net.initialize(1);
        train::Trainer trainer(net, train, &val, settings(5));
        Recorder rec;
        const auto result = trainer.run(&rec);
        QCOMPARE(result.reason, train::StopReason::Completed);
        QCOMPARE(int(rec.epochs.size()), 5);
        QCOMPARE(int(rec.batches.size()), 5 * 7); // ceil(100/16) = 7 per epoch
        QCOMPARE(rec.batches[6].batchSize, 100 - 6 * 16);
        for (int e = 0; e < 5; ++e) QCOMPARE(rec.epochs[std::size_t(e)].epoch, e + 1);
        QVERIFY(rec.epochs.back().trainLoss < rec.epochs.front().trainLoss);
        QVERIFY(rec.epochs.back().valMetric > 0.8);
        QCOMPARE(result.steps, std::int64_t(35));
    }
    // Issue 19, point 7: the speed control spreads the epochs out in time and changes nothing
    // else: the same weights, bit for bit, as at full speed; a stop is not held up by the wait.
    void paceSlowsTrainingWithoutChangingIt() {
        const auto train = blobs(100, 4, 3, 1), val = blobs(40, 4, 3, 2);
        auto runAt = [&](double pace, double* seconds) {
            nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 3));
            net.initialize(7);
            train::Trainer trainer(net, train, &val, settings(4));
            trainer.setPace(pace);
            const auto started = std::chrono::steady_clock::now();
            const auto result = trainer.run();
            if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (result.reason != train::StopReason::Completed) return std::vector<float>{};
            return std::vector<float>(net.parameters().begin(), net.parameters().end());
        };
        double paced = 0;
        const auto fast = runAt(0.0, nullptr);
        const auto slow = runAt(20.0, &paced); // 4 epochs at 20 a second: at least 0.2 s of waiting
        QVERIFY(!fast.empty());
        QCOMPARE(slow, fast);
        QVERIFY2(paced >= 0.19, qPrintable(QString::number(paced)));

        // A stop during a slow pace ends the run at once, not after the batch's share of a second.
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 3));
        net.initialize(7);
        train::Trainer trainer(net, train, &val, settings(1000));
        trainer.setPace(0.001); // a batch's share: about two minutes
        Recorder rec;
        std::thread stopper;
        rec.onEachBatch = [&](const train::BatchReport& b) {
            if (b.step == 1) stopper = std::thread([&trainer] { trainer.requestStop(); });
        };
        const auto started = std::chrono::steady_clock::now();
        const auto result = trainer.run(&rec);
        stopper.join();
        QCOMPARE(result.reason, train::StopReason::Stopped);
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
    }

    void stopIsPrompt() {
        const auto train = blobs(1000, 4, 2, 1);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 2));
        net.initialize(1);
        train::Trainer trainer(net, train, nullptr, settings(1000));
        Recorder rec;
        rec.onEachBatch = [&](const train::BatchReport& b) { if (b.step == 10) trainer.requestStop(); };
        const auto result = trainer.run(&rec);
        QCOMPARE(result.reason, train::StopReason::Stopped);
        QCOMPARE(result.steps, std::int64_t(10)); // not one batch more
    }
    void pauseStepResumeFromAnotherThread() {
        const auto train = blobs(64, 4, 2, 1);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 2));
        net.initialize(1);
        train::Trainer trainer(net, train, nullptr, settings(3, 8)); // 8 batches per epoch
        trainer.setPaused(true);
        Recorder rec;
        std::atomic<std::int64_t> seen{0};
        rec.onEachBatch = [&](const train::BatchReport& b) { seen = b.step; };
        std::thread worker([&] { trainer.run(&rec); });
        trainer.step(3);
        // Parked in its wait after exactly three steps; nothing but Resume/Step/Stop releases it.
        for (int i = 0; i < 5000 && trainer.parkedAt() != 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        QCOMPARE(trainer.parkedAt(), std::int64_t(3));
        QCOMPARE(seen.load(), std::int64_t(3)); // still paused after the three steps
        trainer.setPaused(false);
        worker.join();
        QCOMPARE(seen.load(), std::int64_t(24));
    }
    void settingsChangeMidRun() {
        const auto train = blobs(64, 4, 2, 1);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 2));
        net.initialize(1);
        train::Trainer trainer(net, train, nullptr, settings(4, 8));
        Recorder rec;
        rec.onEachBatch = [&](const train::BatchReport& b) {
            if (b.step == 5) {
                auto s = trainer.settings();
                s.optimizer.learningRate = 0.001f;
                s.batchSize = 32;
                s.optimizer.kind = train::OptimizerKind::Momentum;
                trainer.updateSettings(s);
            }
        };
        trainer.run(&rec);
        QCOMPARE(int(rec.applied.size()), 1);
        QCOMPARE(rec.applied[0].second, std::int64_t(6)); // applied before the next batch
        QCOMPARE(rec.batches[4].learningRate, 0.05f);
        QCOMPARE(rec.batches[5].learningRate, 0.001f);
        QCOMPARE(rec.batches[5].batchSize, 24); // rest of epoch 1 (64 - 5*8 = 24 rows left, batch 32)
        QCOMPARE(rec.batches.back().batchSize, 32);
        QVERIFY_THROWS_EXCEPTION(SpecError, trainer.updateSettings([] { train::TrainSettings s; s.batchSize = 0; return s; }()));
    }
    void earlyStoppingRestoresBest() {
        // A tiny noisy training set overfits quickly; validation loss then rises.
        const auto train = blobs(20, 8, 2, 3), val = blobs(200, 8, 2, 4);
        nn::Network net(mlpSpec(8, {64}, nn::Activation::Relu, 2));
        net.initialize(1);
        auto s = settings(300, 4);
        s.patience = 5;
        train::Trainer trainer(net, train, &val, s);
        Recorder rec;
        const auto result = trainer.run(&rec);
        QCOMPARE(result.reason, train::StopReason::EarlyStopped);
        QVERIFY(result.epochs < 300);
        QCOMPARE(result.epochs - result.bestEpoch, 5);
        const auto now = train::evaluate(net, val, s.loss);
        QCOMPARE(now.loss, result.bestValLoss); // the best weights are back
        QCOMPARE(rec.epochs[std::size_t(result.bestEpoch - 1)].valLoss, result.bestValLoss);
    }
    void patienceEndingOnTheLastEpochIsNotAnEarlyStop() {
        const auto train = blobs(20, 8, 2, 3), val = blobs(200, 8, 2, 4);
        nn::Network probe(mlpSpec(8, {64}, nn::Activation::Relu, 2));
        probe.initialize(1);
        auto s = settings(300, 4);
        s.patience = 5;
        const auto early = train::Trainer(probe, train, &val, s).run(nullptr);
        QCOMPARE(early.reason, train::StopReason::EarlyStopped);
        // The same run limited to the epoch where patience ran out: it completed.
        nn::Network net(mlpSpec(8, {64}, nn::Activation::Relu, 2));
        net.initialize(1);
        s.epochs = early.epochs;
        const auto result = train::Trainer(net, train, &val, s).run(nullptr);
        QCOMPARE(result.reason, train::StopReason::Completed);
        QCOMPARE(result.epochs, early.epochs);
        QCOMPARE(result.bestEpoch, early.bestEpoch);
    }
    void continuesAfterStop() {
        const auto train = blobs(32, 4, 2, 1);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 2));
        net.initialize(1);
        train::Trainer trainer(net, train, nullptr, settings(6, 8));
        Recorder rec;
        rec.onEachBatch = [&](const train::BatchReport& b) { if (b.step == 8) trainer.requestStop(); };
        QCOMPARE(trainer.run(&rec).reason, train::StopReason::Stopped);
        rec.onEachBatch = nullptr;
        const auto result = trainer.run(&rec);
        QCOMPARE(result.reason, train::StopReason::Completed);
        QCOMPARE(result.epochs, 6);
    }
    void rejectsMismatchedData() {
        const auto train = blobs(10, 3, 2, 1);
        nn::Network net(mlpSpec(4, {8}, nn::Activation::Relu, 2));
        QVERIFY_THROWS_EXCEPTION(SpecError, train::Trainer(net, train, nullptr, settings(1)));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
