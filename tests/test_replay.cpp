// Replay to an epoch (issue 21's timeline): a run rebuilt from one of its checkpoints up to a
// later epoch holds exactly the weights and state the run had at the end of that epoch, whatever
// the thread count; a checkpoint after the epoch is refused.
#include "core/Error.h"
#include "project/Project.h"
#include "train/Experiment.h"

#include <QTest>

#include <tbb/task_arena.h>

#include <chrono>
#include <cstring>
#include <map>

using namespace layerlab::engine;

namespace {
train::ExperimentConfig config() {
    auto c = project::experimentConfig(project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab"));
    c.settings.epochs = 6;
    c.settings.patience = 0;
    c.network.layers.insert(c.network.layers.begin() + 2, nn::LayerSpec::dropout(0.2f)); // draws from the generator
    return c;
}

bool same(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}
} // namespace

class TestReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replayRebuildsTheEpochExactly() {
        std::map<int, train::Checkpoint> at;
        {
            train::Experiment run(config());
            struct Keep final : train::TrainerObserver {
                train::Experiment* e = nullptr;
                std::map<int, train::Checkpoint>* at = nullptr;
                void onEpoch(const train::EpochReport& r) override { (*at)[r.epoch] = e->trainer().checkpoint(); }
            } keep;
            keep.e = &run;
            keep.at = &at;
            run.train(&keep);
        }
        QCOMPARE(int(at.size()), 6);
        for (const int threads : {1, 2}) {
            tbb::task_arena(threads).execute([&] {
                for (const auto& [from, to] : {std::pair{2, 3}, std::pair{2, 5}, std::pair{4, 4}}) {
                    train::Experiment e(config());
                    const auto started = std::chrono::steady_clock::now();
                    const auto result = e.replayTo(at[from], to);
                    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
                    qInfo("replay %d -> %d on %d threads: %.0f ms", from, to, threads, ms); // the figure, not a check
                    QCOMPARE(result.epochs, to);
                    const std::vector<float> params(e.network().parameters().begin(), e.network().parameters().end());
                    QVERIFY2(same(params, at[to].parameters), qPrintable(QStringLiteral("%1 -> %2").arg(from).arg(to)));
                }
            });
        }
        train::Experiment late(config());
        QVERIFY_THROWS_EXCEPTION(SpecError, late.replayTo(at[5], 3));
    }
};

QTEST_MAIN(TestReplay)
#include "test_replay.moc"
