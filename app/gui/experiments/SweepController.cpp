#include "SweepController.h"

#include "core/Error.h"

#include <cmath>

namespace layerlab::app::experiments {

using namespace layerlab::engine;
using State = train::TrialQueue::State;

SweepController::SweepController(QObject* parent) : QObject(parent) {
    m_timer.setInterval(33); // the views' rate; the workers never signal
    connect(&m_timer, &QTimer::timeout, this, &SweepController::pull);
}

SweepController::~SweepController() = default; // the queue's destructor kills and joins

QString SweepController::start(const train::ExperimentConfig& base, train::SweepParameter parameter, const QString& values, int parallel) {
    if (isRunning()) return tr("A sweep is running: pause it, or kill its trials, before starting another.");
    std::vector<std::string> list;
    try {
        list = train::sweepValues(parameter, values.toStdString());
    } catch (const SpecError& e) {
        return QString::fromStdString(e.what());
    }
    std::vector<train::ExperimentConfig> configs;
    m_labels.clear();
    for (const auto& v : list) {
        train::ExperimentConfig c = base;
        train::applySweepValue(c.settings, parameter, v);
        configs.push_back(std::move(c));
        m_labels << QString::fromStdString(std::string(train::sweepParameterName(parameter)) + "=" + v);
    }
    m_queue.reset(); // the last sweep's workers have ended (not running)
    m_queue = std::make_unique<train::TrialQueue>(std::move(configs), parallel, 1);
    m_paused = false;
    m_queue->start();
    m_trials = m_queue->snapshot();
    m_timer.start();
    Q_EMIT updated();
    return {};
}

int SweepController::best() const {
    int best = -1;
    for (std::size_t i = 0; i < m_trials.size(); ++i) {
        const auto& t = m_trials[i];
        if (t.state != State::Finished || !std::isfinite(t.validation.loss) || t.validation.rows == 0) continue;
        if (best < 0 || t.validation.loss < m_trials[std::size_t(best)].validation.loss) best = int(i);
    }
    return best;
}

void SweepController::kill(int trial) {
    if (m_queue && trial >= 0) m_queue->kill(std::size_t(trial));
}

void SweepController::setPaused(bool paused) {
    m_paused = paused;
    if (m_queue) m_queue->setPaused(paused);
}

void SweepController::pull() {
    if (!m_queue) return;
    auto now = m_queue->snapshot();
    bool changed = now.size() != m_trials.size();
    bool done = true;
    for (std::size_t i = 0; i < now.size(); ++i) {
        if (i < m_trials.size() && (now[i].state != m_trials[i].state || now[i].epochs.size() != m_trials[i].epochs.size())) changed = true;
        if (now[i].state == State::Queued || now[i].state == State::Running) done = false;
    }
    m_trials = std::move(now);
    if (done) { // stopped first: the views read isRunning() as false in this last update
        m_timer.stop();
        m_queue->wait();
    }
    if (changed || done) Q_EMIT updated();
    if (done) Q_EMIT finished();
}

} // namespace layerlab::app::experiments
