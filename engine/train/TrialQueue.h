// Many runs, K at a time: each trial is a whole Experiment (read, prepare, train, evaluate) in its
// own task arena of T threads, so trials never share a pool and each is bitwise the run it would
// be alone (the coarse parallelism the engine is built for: whole runs, not pieces of one). The
// rest wait in order. A sweep from the command line and the workbench's Experiments both run here.
//
// Threading: start() spawns the workers; kill(), setPaused() and snapshot() are safe from any
// thread at any time. The finished callback runs on the worker that ran the trial, with the
// experiment still alive (to save its model); callers serialize their own output.
#pragma once

#include "Experiment.h"
#include "Metrics.h"
#include "TrainerObserver.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace layerlab::engine::train {

class TrialQueue {
public:
    enum class State { Queued, Running, Finished, Failed, Killed };
    struct Trial {
        State state = State::Queued;
        std::vector<EpochReport> epochs; ///< one per finished epoch, as they come
        TrainResult result;
        MetricsReport validation, test;  ///< after the run (empty sets: rows 0)
        std::string error;               ///< why a Failed trial could not run
        double seconds = 0.0;
    };
    /// Called once per trial when it ends (finished, killed mid-run, or failed), on its worker
    /// thread. `experiment` is the trial's, still alive (to save its model); nullptr for a trial
    /// that failed. If the callback throws, the trial is failed with that error and it is called
    /// again, without the experiment.
    using Finished = std::function<void(std::size_t index, const Trial& trial, Experiment* experiment)>;

    TrialQueue(std::vector<ExperimentConfig> configs, int parallel, int threadsPerTrial);
    /// Kills what runs and waits for the workers.
    ~TrialQueue();
    TrialQueue(const TrialQueue&) = delete;
    TrialQueue& operator=(const TrialQueue&) = delete;

    void start(Finished onFinished = {});
    /// Blocks until every trial has finished, failed or been killed.
    void wait();
    /// A queued trial never starts; a running one stops within a batch (its epochs so far count).
    void kill(std::size_t index);
    /// Pauses every running trial (and the ones that start while paused), or lets them go on.
    void setPaused(bool paused);
    /// Every trial as it stands (copies, under the lock: a view pulls this at its own rate).
    std::vector<Trial> snapshot() const;
    std::size_t size() const { return m_configs.size(); }

private:
    class Watch;
    void work(std::size_t index);

    std::vector<ExperimentConfig> m_configs;
    int m_parallel, m_threads;
    Finished m_onFinished;
    mutable std::mutex m_mutex; // guards m_trials, m_running, m_killed, m_paused
    std::vector<Trial> m_trials;
    std::vector<Trainer*> m_running;
    std::vector<bool> m_killed;
    bool m_paused = false;
    std::atomic<std::size_t> m_next{0};
    std::vector<std::thread> m_workers;
};

} // namespace layerlab::engine::train
