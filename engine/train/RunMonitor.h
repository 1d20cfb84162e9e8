// The staging area between a training thread and a viewer (PlotJuggler's pattern): the trainer's
// callbacks append to a small staged RunHistory under a short lock; the viewer calls take() at its
// own pace (the GUI: a 30 Hz timer) and gets everything new since its last call, exactly once.
// Parameter snapshots are copied only when asked for (at most once per request), and always when
// the trainer pauses, so a paused view shows exactly the weights the trainer holds.
//
// Threading: the TrainerObserver callbacks run on the training thread only; take(),
// requestParameters() and the accessors may be called from any one other thread.
#pragma once

#include "RunHistory.h"
#include "TrainerObserver.h"
#include "nn/Network.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace layerlab::engine::train {

/// Weights as they were after `step` steps; immutable once published.
struct ParameterSnapshot {
    std::int64_t step = 0;
    double epoch = 0.0;
    std::vector<float> values;
    std::vector<float> state; ///< the network's non-trained state (BatchNorm statistics) with them
    int bestEpoch = 0; ///< > 0: the run ended and these are the restored weights of that epoch
};

struct RunProgress {
    RunHistory fresh;                 ///< new since the previous take()
    std::int64_t step = 0;            ///< steps done so far
    double epoch = 0.0;               ///< fractional epoch position
    double samplesPerSecond = 0.0;    ///< over the last second or so of training
    std::shared_ptr<const ParameterSnapshot> parameters; ///< newest published; null before the first
};

class RunMonitor : public TrainerObserver {
public:
    /// `network` is only read on the training thread, inside the callbacks.
    RunMonitor(const nn::Network& network, TrainSettings initial, std::int64_t trainRows);

    void onBatch(const BatchReport& report) override;
    void onEpoch(const EpochReport& report) override;
    void onSettingsApplied(const TrainSettings& settings, std::int64_t step) override;
    void onPause(std::int64_t step) override;

    /// Publishes the current weights now; the training thread only (e.g. when a run ends).
    void publishParameters(int bestEpoch = 0);
    /// The next batch boundary publishes a parameter snapshot.
    void requestParameters() { m_wantParameters.store(true, std::memory_order_relaxed); }
    RunProgress take();
    /// The thread the callbacks ran on (default id before the first batch).
    std::thread::id trainingThread() const;

private:
    std::shared_ptr<const ParameterSnapshot> snapshot(std::int64_t step, double epoch, int bestEpoch = 0) const;
    double currentEpoch() const;

    const nn::Network& m_network;
    TrainSettings m_settings;      // training thread only: the last applied settings
    const std::int64_t m_trainRows;
    std::atomic<bool> m_wantParameters{false};

    mutable std::mutex m_mutex;    // guards everything below
    RunHistory m_staged;
    std::int64_t m_step = 0;
    double m_epoch = 0.0;
    double m_rate = 0.0;
    std::int64_t m_rateSamples = 0;
    double m_rateStart = -1.0;
    std::shared_ptr<const ParameterSnapshot> m_parameters;
    std::thread::id m_thread;
};

} // namespace layerlab::engine::train
