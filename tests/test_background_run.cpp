// BackgroundRun and RunMonitor: a run on its own thread, seen through the staging area. Also runs
// under ThreadSanitizer (scripts/test.sh): the networks here are too small for the kernels to fan
// out over TBB, and threads = 0 keeps TBB's arena out of the path.
#include "core/Error.h"
#include "train/BackgroundRun.h"

#include <QTest>

#include <chrono>
#include <thread>

using namespace layerlab::engine;
using namespace std::chrono_literals;

namespace {

train::ExperimentConfig config(int epochs) {
    train::ExperimentConfig c;
    c.dataPath = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.csv";
    c.data.target = "base";
    c.network = nn::NetworkSpec::mlp(0, {8}, nn::Activation::Tanh, 0);
    c.settings.epochs = epochs;
    c.settings.batchSize = 64;
    c.settings.threads = 0;
    return c;
}

train::BackgroundRun::Prepare prepare(int epochs) {
    return [epochs] { return std::make_shared<train::Experiment>(config(epochs)); };
}

/// Polls `done` for up to 20 s, draining the monitor into `history` meanwhile.
template <class F> bool pump(train::BackgroundRun& run, train::RunHistory& history, F done, train::RunProgress* last = nullptr) {
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < until) {
        if (auto* m = run.monitor()) {
            auto p = m->take();
            history.append(std::move(p.fresh));
            if (last) *last = std::move(p);
        }
        if (done()) return true;
        std::this_thread::sleep_for(2ms);
    }
    return false;
}

} // namespace

class TestBackgroundRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyEpochExactlyOnceInOrder() {
        train::BackgroundRun run(prepare(6));
        train::RunHistory history;
        QVERIFY(pump(run, history, [&] { return run.finished(); }));
        history.append(run.monitor()->take().fresh); // whatever came after the last poll
        QVERIFY2(run.error().empty(), run.error().c_str());
        QCOMPARE(int(history.epochs.size()), 6);
        for (int i = 0; i < 6; ++i) QCOMPARE(history.epochs[std::size_t(i)].epoch, i + 1);
        QCOMPARE(std::int64_t(history.stepLoss.size()), run.result()->steps);
        QVERIFY(run.monitor()->take().fresh.empty()); // taken once, never again
        QVERIFY(run.monitor()->trainingThread() != std::this_thread::get_id());
    }

    void pauseRunsNoBatchesAndStepRunsOne() {
        train::BackgroundRun run(prepare(1000));
        train::RunHistory history;
        train::RunProgress p;
        QVERIFY(pump(run, history, [&] { return history.stepLoss.size() >= 3; }));
        run.setPaused(true);
        // Paused: the trainer publishes its weights as it stops; then no step may run.
        QVERIFY(pump(run, history, [&] { return p.parameters && p.parameters->step == p.step; }, &p));
        const auto pausedAt = p.step;
        // Parked in its wait at that step: only Resume, Step or Stop can release it, so what
        // follows proves no batch ran while paused without sleeping on a guess.
        const auto& trainer = run.experiment()->trainer();
        QVERIFY(pump(run, history, [&] { return trainer.parkedAt() == pausedAt; }, &p));
        QVERIFY(pump(run, history, [] { return true; }, &p));
        QCOMPARE(p.step, pausedAt);
        QCOMPARE(std::int64_t(history.stepLoss.size()), pausedAt);

        // A learning-rate change while paused applies from the next step and is recorded there.
        auto s = run.experiment()->trainer().settings();
        s.optimizer.learningRate = 0.002f;
        run.updateSettings(s);
        run.step(1);
        QVERIFY(pump(run, history, [&] { return p.step == pausedAt + 1 && p.parameters && p.parameters->step == pausedAt + 1; }, &p));
        QVERIFY(pump(run, history, [&] { return trainer.parkedAt() == pausedAt + 1; }, &p)); // parked again after one
        QVERIFY(pump(run, history, [] { return true; }, &p));
        QCOMPARE(p.step, pausedAt + 1); // exactly one batch
        QCOMPARE(int(history.markers.size()), 1);
        QCOMPARE(history.markers[0].step, pausedAt + 1);
        QVERIFY2(history.markers[0].text.find("lr 0.01 → 0.002") != std::string::npos, history.markers[0].text.c_str());

        // The published weights are the trainer's own.
        run.requestStop();
        run.join();
        QCOMPARE(run.result()->reason, train::StopReason::Stopped);
    }

    void stopWhilePausedEndsPromptly() {
        train::BackgroundRun run(prepare(1000));
        run.setPaused(true); // before the trainer exists: queued
        train::RunHistory history;
        QVERIFY(pump(run, history, [&] { return run.prepared(); }));
        const auto t0 = std::chrono::steady_clock::now();
        run.requestStop();
        run.join();
        QVERIFY(std::chrono::steady_clock::now() - t0 < 5s); // not a speed test: it must not hang
        QCOMPARE(run.result()->reason, train::StopReason::Stopped);
        QCOMPARE(run.result()->steps, std::int64_t(0));
    }

    void continuingAfterStopKeepsEpochs() {
        auto experiment = std::make_shared<train::Experiment>(config(4));
        // Paused from the start: set after construction, the pause could land after all 4
        // epochs under load, and the run ended instead ("step 376, snapshot 376"). Pausing the
        // trainer beforehand was not enough: the run applies its own (unpaused) state first.
        {
            train::BackgroundRun first([experiment] { return experiment; }, {}, true);
            train::RunHistory h;
            train::RunProgress p;
            QVERIFY(pump(first, h, [&] { return p.parameters && p.parameters->step == p.step; }, &p));
            const auto s0 = p.step;
            first.step(2);
            const bool reached = pump(first, h, [&] { return p.parameters && p.parameters->step == s0 + 2; }, &p);
            QVERIFY2(reached, qPrintable(QString("step %1, snapshot %2").arg(p.step).arg(p.parameters ? p.parameters->step : -1)));
            first.requestStop();
            first.join();
        }
        train::BackgroundRun second([experiment] { return experiment; });
        train::RunHistory h;
        QVERIFY(pump(second, h, [&] { return second.finished(); }));
        QCOMPARE(second.result()->reason, train::StopReason::Completed);
        QCOMPARE(second.result()->epochs, 4);
    }

    void badSettingsAreAnErrorNotACrash() {
        auto c = config(2);
        c.settings.batchSize = 0;
        train::BackgroundRun run([c] { return std::make_shared<train::Experiment>(c); });
        run.join();
        QVERIFY(run.finished());
        QVERIFY(!run.result());
        QVERIFY(run.error().find("batch") != std::string::npos);
    }

    void trainingOnAForbiddenThreadThrows() {
        auto experiment = std::make_shared<train::Experiment>(config(1));
        experiment->trainer().forbidThread(std::this_thread::get_id());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, experiment->train());
        // The same trainer on another thread trains.
        train::BackgroundRun run([experiment] { return experiment; });
        run.join();
        QVERIFY2(run.error().empty(), run.error().c_str());
        QCOMPARE(run.result()->epochs, 1);
    }

    void historyRoundTripsThroughJson() {
        train::RunHistory h;
        train::EpochReport e;
        e.epoch = 1;
        e.step = 10;
        e.trainLoss = 0.5;
        e.valLoss = std::nan("");
        e.valMetric = 0.75;
        e.learningRate = 0.01f;
        h.epochs.push_back(e);
        h.markers.push_back({7, 0.7, "lr 0.01 → 0.001"});
        const auto back = train::RunHistory::fromJson(train::RunHistory::fromJson(h.toJson()).toJson());
        QCOMPARE(back.epochs.size(), std::size_t(1));
        QCOMPARE(back.epochs[0].step, std::int64_t(10));
        QVERIFY(std::isnan(back.epochs[0].valLoss));
        QCOMPARE(back.epochs[0].valMetric, 0.75);
        QCOMPARE(back.markers, h.markers);
        Json bad = h.toJson();
        Json cols = bad.at("epochs");
        cols.set("val_loss", Json::array());
        bad.set("epochs", cols);
        QVERIFY_THROWS_EXCEPTION(SpecError, train::RunHistory::fromJson(bad));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundRun)
#include "test_background_run.moc"
