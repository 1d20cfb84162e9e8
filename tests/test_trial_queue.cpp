// TrialQueue (issue 21): K whole runs at a time, each the run it would be alone; a queued trial
// killed never starts, a running one stops within a batch; pause holds every trial; a trial that
// cannot run fails alone, with the reason.
#include "model/ModelFile.h"
#include "project/Project.h"
#include "train/TrialQueue.h"

#include <QTest>

#include <chrono>
#include <cstring>
#include <thread>

using namespace layerlab::engine;

namespace {

train::ExperimentConfig config(int epochs, std::uint64_t seed) {
    auto c = project::experimentConfig(project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab"));
    c.settings.epochs = epochs;
    c.settings.seed = seed;
    c.settings.patience = 0;
    return c;
}

bool waitFor(const std::function<bool()>& done, int ms = 20000) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

class TestTrialQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void concurrentTrialsAreTheirLoneRuns() {
        std::vector<train::ExperimentConfig> configs{config(3, 1), config(3, 2), config(3, 3)};
        std::vector<std::vector<float>> together(3);
        std::mutex m;
        {
            train::TrialQueue q(configs, 3, 1);
            q.start([&](std::size_t i, const train::TrialQueue::Trial& t, train::Experiment* e) {
                QVERIFY(e);
                QCOMPARE(t.state, train::TrialQueue::State::Finished);
                const std::lock_guard lock(m);
                together[i] = e->model().parameters;
            });
            q.wait();
            for (const auto& t : q.snapshot()) QCOMPARE(int(t.epochs.size()), 3);
        }
        for (std::size_t i = 0; i < 3; ++i) { // alone, on a pool of two threads
            train::TrialQueue alone({configs[i]}, 1, 2);
            std::vector<float> p;
            alone.start([&](std::size_t, const train::TrialQueue::Trial&, train::Experiment* e) { p = e->model().parameters; });
            alone.wait();
            QCOMPARE(p.size(), together[i].size());
            QVERIFY(std::memcmp(p.data(), together[i].data(), p.size() * sizeof(float)) == 0);
        }
        QVERIFY(together[0] != together[1]); // the seeds differ
    }

    void killPauseAndFailure() {
        auto broken = config(2, 1);
        broken.dataPath = "/nonexistent/missing.csv";
        train::TrialQueue q({config(100000, 1), config(2, 2), broken}, 1, 1); // one at a time
        std::atomic<int> reported{0};
        std::string failure;
        q.start([&](std::size_t i, const train::TrialQueue::Trial& t, train::Experiment*) {
            if (i == 2) failure = t.error;
            ++reported;
        });
        QVERIFY(waitFor([&] { return !q.snapshot()[0].epochs.empty(); }));
        q.setPaused(true);
        const std::size_t held = q.snapshot()[0].epochs.size();
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        QVERIFY(q.snapshot()[0].epochs.size() <= held + 1); // at most the epoch under way ends
        q.kill(1); // still queued: it never starts
        q.kill(0); // running (paused): stops
        q.wait();
        const auto s = q.snapshot();
        QCOMPARE(s[0].state, train::TrialQueue::State::Killed);
        QVERIFY(s[0].result.epochs < 100000);
        QCOMPARE(s[1].state, train::TrialQueue::State::Killed);
        QVERIFY(s[1].epochs.empty());
        QCOMPARE(s[2].state, train::TrialQueue::State::Failed);
        QVERIFY2(QString::fromStdString(failure).contains("missing.csv"), failure.c_str());
        QCOMPARE(reported.load(), 2); // the killed-while-running one and the failed one; the never-started one is not reported
    }
};

QTEST_MAIN(TestTrialQueue)
#include "test_trial_queue.moc"
