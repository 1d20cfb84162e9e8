// One training run on its own thread (Qt's mandelbrot pattern, without Qt): prepare the
// Experiment, train it with a RunMonitor attached, publish the final weights, finish. A defined
// shutdown: requestStop() wakes a paused trainer, the destructor stops and joins.
// The GUI's TrainingController and the live-view benchmark drive training through this class.
//
// Threading: construct, control and destroy from one owning thread. Preparation and every training
// step run on the run's own thread (inside a TBB arena of settings.threads workers). The
// Experiment's data, preprocessing and schema are read-only once prepared() is true and may then
// be read from the owner; its network is not: viewers use RunMonitor's snapshots.
#pragma once

#include "Experiment.h"
#include "RunMonitor.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace layerlab::engine::train {

class BackgroundRun {
public:
    /// Builds (or hands back, to continue a stopped run) the experiment; runs on the run's thread.
    using Prepare = std::function<std::shared_ptr<Experiment>()>;

    /// Starts the thread at once. A training step on `forbidden` throws (see Trainer::forbidThread).
    /// `startPaused`: the trainer is paused before its first batch (a setPaused(true) right after
    /// construction can land after a short run has ended).
    BackgroundRun(Prepare prepare, std::thread::id forbidden = {}, bool startPaused = false);
    ~BackgroundRun();
    BackgroundRun(const BackgroundRun&) = delete;
    BackgroundRun& operator=(const BackgroundRun&) = delete;

    void requestStop();
    void setPaused(bool paused);
    /// While paused: run `batches` more batches, then pause again.
    void step(int batches);
    /// Applied before the next batch (queued until the trainer exists).
    void updateSettings(const TrainSettings& settings);
    /// Trainer::setPace, queued until the trainer exists.
    void setPace(double epochsPerSecond);
    /// Blocks until the thread has ended.
    void join();

    bool prepared() const { return m_prepared.load(std::memory_order_acquire); }
    bool finished() const { return m_finished.load(std::memory_order_acquire); }
    /// Valid once prepared().
    std::shared_ptr<Experiment> experiment() const;
    /// Valid once prepared(); take() from the owning thread.
    RunMonitor* monitor() const { return prepared() ? m_monitor.get() : nullptr; }
    /// Valid once finished(): the trainer's result, or nullopt when preparation or training threw.
    std::optional<TrainResult> result() const;
    /// Once finished(): what went wrong (a bad setting, a data error); empty on success.
    std::string error() const;

private:
    void work(Prepare prepare, std::thread::id forbidden);

    mutable std::mutex m_mutex; // guards the pending controls, m_result and m_error
    bool m_stop = false;
    bool m_paused = false;
    int m_steps = 0;
    double m_pace = 0.0;
    std::optional<TrainSettings> m_settings;
    Trainer* m_trainer = nullptr;
    std::shared_ptr<Experiment> m_experiment;
    std::unique_ptr<RunMonitor> m_monitor;
    std::optional<TrainResult> m_result;
    std::string m_error;
    std::atomic<bool> m_prepared{false};
    std::atomic<bool> m_finished{false};
    std::thread m_thread; // last: starts after everything above exists
};

} // namespace layerlab::engine::train
