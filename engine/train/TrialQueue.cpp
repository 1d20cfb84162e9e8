#include "TrialQueue.h"

#include <tbb/task_arena.h>

#include <chrono>

namespace layerlab::engine::train {

// Records each epoch of one trial for snapshot().
class TrialQueue::Watch final : public TrainerObserver {
public:
    Watch(TrialQueue& q, std::size_t index) : m_q(q), m_index(index) {}
    void onEpoch(const EpochReport& r) override {
        const std::lock_guard lock(m_q.m_mutex);
        m_q.m_trials[m_index].epochs.push_back(r);
    }

private:
    TrialQueue& m_q;
    std::size_t m_index;
};

TrialQueue::TrialQueue(std::vector<ExperimentConfig> configs, int parallel, int threadsPerTrial)
    : m_configs(std::move(configs)), m_parallel(std::max(1, parallel)), m_threads(std::max(1, threadsPerTrial)),
      m_trials(m_configs.size()), m_running(m_configs.size(), nullptr), m_killed(m_configs.size(), false) {}

TrialQueue::~TrialQueue() {
    for (std::size_t i = 0; i < m_configs.size(); ++i) kill(i);
    wait();
}

void TrialQueue::start(Finished onFinished) {
    m_onFinished = std::move(onFinished);
    const std::size_t workers = std::min<std::size_t>(std::size_t(m_parallel), m_configs.size());
    for (std::size_t k = 0; k < workers; ++k)
        m_workers.emplace_back([this] {
            for (std::size_t i; (i = m_next.fetch_add(1)) < m_configs.size();) work(i);
        });
}

void TrialQueue::wait() {
    for (auto& t : m_workers)
        if (t.joinable()) t.join();
    m_workers.clear();
}

void TrialQueue::kill(std::size_t index) {
    const std::lock_guard lock(m_mutex);
    if (index >= m_killed.size()) return;
    m_killed[index] = true;
    if (m_running[index]) m_running[index]->requestStop();
}

void TrialQueue::setPaused(bool paused) {
    const std::lock_guard lock(m_mutex);
    m_paused = paused;
    for (Trainer* t : m_running)
        if (t) t->setPaused(paused);
}

std::vector<TrialQueue::Trial> TrialQueue::snapshot() const {
    const std::lock_guard lock(m_mutex);
    return m_trials;
}

void TrialQueue::work(std::size_t index) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_killed[index]) {
            m_trials[index].state = State::Killed;
            return;
        }
        m_trials[index].state = State::Running;
    }
    const auto started = std::chrono::steady_clock::now();
    const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    try {
        tbb::task_arena(m_threads).execute([&] {
            Experiment experiment(m_configs[index]);
            {
                const std::lock_guard lock(m_mutex);
                m_running[index] = &experiment.trainer();
                if (m_paused) experiment.trainer().setPaused(true);
                if (m_killed[index]) experiment.trainer().requestStop(); // honoured before the first batch
            }
            Watch watch(*this, index);
            const TrainResult result = experiment.train(&watch);
            {
                const std::lock_guard lock(m_mutex);
                m_running[index] = nullptr;
            }
            const MetricsReport validation = experiment.evaluate(experiment.validationSet());
            const MetricsReport test = experiment.evaluate(experiment.testSet());
            Trial done;
            {
                const std::lock_guard lock(m_mutex);
                Trial& t = m_trials[index];
                t.result = result;
                t.validation = validation;
                t.test = test;
                t.seconds = seconds();
                t.state = m_killed[index] ? State::Killed : State::Finished;
                done = t;
            }
            if (m_onFinished) m_onFinished(index, done, &experiment);
        });
    } catch (const std::exception& e) {
        Trial failed;
        {
            const std::lock_guard lock(m_mutex);
            m_running[index] = nullptr;
            m_trials[index].state = State::Failed;
            m_trials[index].error = e.what();
            m_trials[index].seconds = seconds();
            failed = m_trials[index];
        }
        if (m_onFinished) try {
                m_onFinished(index, failed, nullptr);
            } catch (const std::exception&) { // nothing left to report it to
            }
    }
}

} // namespace layerlab::engine::train
