#include "RunMonitor.h"

#include <chrono>

namespace layerlab::engine::train {

namespace {
double nowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

RunMonitor::RunMonitor(const nn::Network& network, TrainSettings initial, std::int64_t trainRows)
    : m_network(network), m_settings(std::move(initial)), m_trainRows(std::max<std::int64_t>(1, trainRows)) {}

void RunMonitor::onBatch(const BatchReport& r) {
    const double epoch = (r.epoch - 1) + double(r.batchInEpoch) * double(r.batchSize) / double(m_trainRows);
    // The copy is made outside the lock: a large network's weights take milliseconds to copy.
    auto snap = m_wantParameters.exchange(false, std::memory_order_relaxed) ? snapshot(r.step, epoch) : nullptr;
    const double now = nowSeconds();
    std::lock_guard lock(m_mutex);
    m_thread = std::this_thread::get_id();
    m_staged.stepLoss.push_back(float(r.loss));
    m_staged.stepEpoch.push_back(float(epoch));
    m_step = r.step;
    m_epoch = std::min(epoch, double(r.epoch));
    // Throughput over a sliding window of about a second: what the status bar shows.
    if (m_rateStart < 0) m_rateStart = now;
    m_rateSamples += r.batchSize;
    if (now - m_rateStart >= 1.0) {
        m_rate = double(m_rateSamples) / (now - m_rateStart);
        m_rateStart = now;
        m_rateSamples = 0;
    }
    if (snap) m_parameters = std::move(snap);
}

void RunMonitor::onEpoch(const EpochReport& report) {
    std::lock_guard lock(m_mutex);
    m_staged.epochs.push_back(report);
    m_epoch = report.epoch;
    if (m_rate == 0.0) m_rate = report.samplesPerSecond;
}

void RunMonitor::onSettingsApplied(const TrainSettings& settings, std::int64_t step) {
    std::string text = describeSettingsChange(m_settings, settings);
    m_settings = settings;
    std::lock_guard lock(m_mutex);
    m_staged.markers.push_back({step, m_epoch, std::move(text)});
}

void RunMonitor::onPause(std::int64_t step) {
    auto snap = snapshot(step, currentEpoch());
    std::lock_guard lock(m_mutex);
    m_rateStart = -1.0; // a pause is not slow training
    m_rateSamples = 0;
    m_parameters = std::move(snap);
}

void RunMonitor::publishParameters(int bestEpoch) {
    std::int64_t step = 0;
    {
        std::lock_guard lock(m_mutex);
        step = m_step;
    }
    auto snap = snapshot(step, currentEpoch(), bestEpoch);
    std::lock_guard lock(m_mutex);
    m_parameters = std::move(snap);
}

double RunMonitor::currentEpoch() const {
    std::lock_guard lock(m_mutex);
    return m_epoch;
}

std::shared_ptr<const ParameterSnapshot> RunMonitor::snapshot(std::int64_t step, double epoch, int bestEpoch) const {
    auto snap = std::make_shared<ParameterSnapshot>();
    snap->step = step;
    snap->epoch = epoch;
    snap->bestEpoch = bestEpoch;
    const auto params = m_network.parameters();
    snap->values.assign(params.begin(), params.end());
    snap->state.assign(m_network.state().begin(), m_network.state().end());
    return snap;
}

RunProgress RunMonitor::take() {
    RunProgress p;
    std::lock_guard lock(m_mutex);
    p.fresh = std::move(m_staged);
    m_staged.clear();
    p.step = m_step;
    p.epoch = m_epoch;
    p.samplesPerSecond = m_rate;
    p.parameters = m_parameters;
    return p;
}

std::thread::id RunMonitor::trainingThread() const {
    std::lock_guard lock(m_mutex);
    return m_thread;
}

} // namespace layerlab::engine::train
