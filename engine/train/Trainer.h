// The training loop. Runs on whichever thread calls run() (the CLI's main thread, the GUI's
// worker thread); the controls below are safe to call from any other thread at any time.
//
// Threading contract:
//  - run() owns the network while it runs; nobody else may touch it until run() returns.
//  - requestStop(), setPaused(), step() and updateSettings() only set atomics or a pending copy
//    under m_mutex; the loop reads them between batches, so Stop takes effect within one batch.
//  - Observer callbacks happen on the training thread.
#pragma once

#include "Optimizer.h"
#include "TrainSettings.h"
#include "TrainerObserver.h"
#include "data/Dataset.h"
#include "nn/Network.h"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace layerlab::engine::train {

enum class StopReason { Completed, Stopped, EarlyStopped, NonFinite };

struct TrainResult {
    StopReason reason = StopReason::Completed;
    int epochs = 0;           ///< epochs completed in total
    std::int64_t steps = 0;
    int bestEpoch = 0;        ///< 0 when there was no validation set
    double bestValLoss = 0.0;
    std::string message;      ///< for NonFinite: the step, layer and what was restored
};

/// Everything a run needs to go on exactly as if it had never stopped, taken between two epochs:
/// the weights and state, the optimizer's moments, the generator (shuffles and dropout masks),
/// the counts and the best epoch kept so far. The data cursor is at the start of an epoch.
struct Checkpoint {
    int epoch = 0;
    std::int64_t step = 0;
    std::vector<float> parameters, state;
    Optimizer::State optimizer;
    std::array<std::uint64_t, 4> rng{};
    int bestEpoch = 0;
    double bestLoss = 0.0;
    int sinceBest = 0;
    std::vector<float> best, bestState; ///< the best epoch's weights (restoreBest), may be empty
};

class Trainer {
public:
    /// `validation` may be null. The datasets and network must outlive the trainer.
    Trainer(nn::Network& network, const data::Dataset& train, const data::Dataset* validation, TrainSettings settings);

    /// Trains until settings().epochs are done, a stop, early stopping or a non-finite value.
    /// Can be called again after it returns to continue: completed epochs and optimizer state are
    /// kept; an epoch interrupted by a stop starts again with a fresh shuffle.
    TrainResult run(TrainerObserver* observer = nullptr);

    void requestStop();
    void setPaused(bool paused);
    bool isPaused() const { return m_paused.load(); }
    /// While paused, lets `batches` more batches run, then pauses again.
    void step(int batches);
    /// Paces training for watching (a speed control, as in TensorFlow Playground): at most
    /// `epochsPerSecond` epochs a second, spread over the batches; 0 = as fast as it can. Waiting
    /// counts as paused time. Never changes what is computed, only when.
    void setPace(double epochsPerSecond);
    /// Takes effect before the next batch; the seed only matters before the first run.
    void updateSettings(const TrainSettings& settings);
    TrainSettings settings() const;
    std::int64_t stepsDone() const { return m_step.load(); }
    /// The step count at which the trainer is blocked waiting for Resume, Step or Stop; -1 while
    /// it is not waiting. Only those three calls can release it, so a caller that sees N here
    /// knows no batch runs until it calls one (tests wait on this instead of sleeping).
    std::int64_t parkedAt() const { return m_parkedAt.load(); }
    /// A training step on `thread` throws std::logic_error: the GUI names its own thread here, so
    /// a step on the GUI thread is a loud bug, not a frozen window. Set before run().
    void forbidThread(std::thread::id thread) { m_forbidden = thread; }
    /// The run as it stands between epochs: call it before run(), after it returns, or from the
    /// observer's onEpoch (on the training thread), never from another thread while it runs.
    Checkpoint checkpoint() const;
    /// Continues from `c` (before run()): the next epoch is c.epoch + 1. Throws SpecError when it
    /// belongs to another network (sizes differ). Moments of another optimizer kind (a fork that
    /// changed it) are dropped: the optimizer starts fresh.
    void restore(const Checkpoint& c);
    /// Before run(): stop after `epoch` and keep that epoch's own weights (not the best's), the
    /// settings unchanged (a schedule still spans settings().epochs). What replaying a run to
    /// an epoch needs: the same batches, draws and updates up to there, and nothing after.
    void stopAfter(int epoch);

private:
    /// Blocks while paused (adding the time to waitedSeconds); false once a stop is requested.
    bool waitWhilePaused(double& waitedSeconds, TrainerObserver* observer);
    /// After a batch of `rows` of `n`: waits out the pace (adding the time to waitedSeconds).
    void keepPace(int rows, std::size_t n, std::chrono::steady_clock::time_point batchStart, double& waitedSeconds);
    void applyPendingSettings(TrainerObserver* observer);
    void gatherBatch(const std::vector<std::size_t>& order, std::size_t begin, int rows);
    enum class BatchOutcome { Done, NonFinite, Interrupted };
    BatchOutcome trainBatch(int rows, float lr, double& loss, TrainResult& result);
    std::string describeNonFinite(const char* what) const;

    nn::Network& m_network;
    const data::Dataset& m_train;
    const data::Dataset* m_validation;
    TrainSettings m_settings;  // training thread only
    Optimizer m_optimizer;
    Rng m_rng;
    Matrix m_x, m_y, m_grad;   // batch buffers [batch × inputs], [batch × targets], [batch × outputs]
    std::vector<float> m_best;      // parameters of the best validation epoch
    std::vector<float> m_epochStart; // last known-good parameters, taken at each epoch start
    std::vector<float> m_bestState, m_epochStartState; // the same of the state (BatchNorm statistics)
    int m_epoch = 0;
    int m_bestEpoch = 0;
    double m_bestLoss = 0.0;
    int m_sinceBest = 0;
    int m_stopAfter = -1; // stopAfter(): the epoch to end at, -1 = settings' epochs

    mutable std::mutex m_mutex;    // guards m_pending and the pause condition
    std::condition_variable m_wake;
    TrainSettings m_pending;
    std::atomic<bool> m_hasPending{false};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<int> m_stepBudget{0};
    std::atomic<double> m_pace{0.0};
    std::atomic<int> m_paceChanges{0};
    std::atomic<std::int64_t> m_step{0};
    std::atomic<std::int64_t> m_parkedAt{-1};
    std::thread::id m_forbidden; // default id: no thread is forbidden
};

} // namespace layerlab::engine::train
