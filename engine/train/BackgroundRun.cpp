#include "BackgroundRun.h"

#include "core/Error.h"

#include <tbb/task_arena.h>

namespace layerlab::engine::train {

BackgroundRun::BackgroundRun(Prepare prepare, std::thread::id forbidden, bool startPaused)
    : m_paused(startPaused), m_thread([this, p = std::move(prepare), forbidden]() mutable { work(std::move(p), forbidden); }) {}

BackgroundRun::~BackgroundRun() {
    requestStop();
    join();
}

void BackgroundRun::join() {
    if (m_thread.joinable()) m_thread.join();
}

void BackgroundRun::requestStop() {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    if (m_trainer) m_trainer->requestStop();
}

void BackgroundRun::setPaused(bool paused) {
    std::lock_guard lock(m_mutex);
    m_paused = paused;
    if (m_trainer) m_trainer->setPaused(paused);
}

void BackgroundRun::step(int batches) {
    std::lock_guard lock(m_mutex);
    if (m_trainer) m_trainer->step(batches);
    else m_steps += batches;
}

void BackgroundRun::setPace(double epochsPerSecond) {
    std::lock_guard lock(m_mutex);
    m_pace = epochsPerSecond;
    if (m_trainer) m_trainer->setPace(epochsPerSecond);
}

void BackgroundRun::updateSettings(const TrainSettings& settings) {
    settings.validate(); // throws here, on the caller's thread, for a value that cannot work
    std::lock_guard lock(m_mutex);
    if (m_trainer) m_trainer->updateSettings(settings);
    else m_settings = settings;
}

std::shared_ptr<Experiment> BackgroundRun::experiment() const {
    return prepared() ? m_experiment : nullptr; // written once before m_prepared's release store
}

std::optional<TrainResult> BackgroundRun::result() const {
    std::lock_guard lock(m_mutex);
    return m_result;
}

std::string BackgroundRun::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

void BackgroundRun::work(Prepare prepare, std::thread::id forbidden) {
    try {
        std::shared_ptr<Experiment> experiment = prepare();
        Trainer& trainer = experiment->trainer();
        const int threads = trainer.settings().threads;
        m_experiment = experiment;
        m_monitor = std::make_unique<RunMonitor>(experiment->network(), trainer.settings(), experiment->trainSet().size());
        trainer.forbidThread(forbidden);
        {
            std::lock_guard lock(m_mutex); // controls that arrived while preparing
            if (m_settings) trainer.updateSettings(*m_settings);
            trainer.setPaused(m_paused);
            trainer.setPace(m_pace);
            if (m_steps) trainer.step(m_steps);
            if (m_stop) trainer.requestStop();
            m_trainer = &trainer;
        }
        m_prepared.store(true, std::memory_order_release);
        TrainResult result;
        if (threads > 0) {
            tbb::task_arena arena(threads);
            arena.execute([&] { result = experiment->train(m_monitor.get()); });
        } else {
            result = experiment->train(m_monitor.get()); // all cores: TBB's default arena, made lazily
        }
        const bool restored = trainer.settings().restoreBest && result.bestEpoch > 0 && result.reason != StopReason::NonFinite;
        m_monitor->publishParameters(restored ? result.bestEpoch : 0);
        std::lock_guard lock(m_mutex);
        m_trainer = nullptr;
        m_result = result;
    } catch (const std::exception& e) {
        std::lock_guard lock(m_mutex);
        m_trainer = nullptr;
        m_error = e.what();
    }
    m_finished.store(true, std::memory_order_release);
}

} // namespace layerlab::engine::train
