#include "TrainingController.h"

#include "data/Table.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <thread>

namespace layerlab::app::training {

using namespace layerlab::engine;

namespace {

std::string fingerprint(project::Project p) {
    p.run.reset(); // a kept run is a result, not part of the design
    p.name.clear();
    Json j = Json::object();
    j.set("project", p.toJson());
    Json t = j.at("project");
    t.set("training", Json()); // settings may change mid-run; only the loss must not
    j.set("project", t);
    j.set("loss", std::string(train::lossName(p.training.loss)));
    return j.dump(-1);
}

QString describe(const train::TrainResult& r) {
    switch (r.reason) {
    case train::StopReason::Completed:
        if (r.bestEpoch > 0 && r.bestEpoch < r.epochs)
            return TrainingController::tr("finished %1 epochs (best validation loss at epoch %2)").arg(r.epochs).arg(r.bestEpoch);
        return TrainingController::tr("finished %1 epochs").arg(r.epochs);
    case train::StopReason::Stopped: return TrainingController::tr("stopped after %1 epochs (%2 steps)").arg(r.epochs).arg(r.steps);
    case train::StopReason::EarlyStopped:
        return TrainingController::tr("stopped early at epoch %1: no improvement since epoch %2").arg(r.epochs).arg(r.bestEpoch);
    case train::StopReason::NonFinite: return QString::fromStdString(r.message);
    }
    return {};
}

} // namespace

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    m_timer.setInterval(kRefreshMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TrainingController::tick);
}

TrainingController::~TrainingController() { shutdown(); }

bool TrainingController::train(const project::Project& project, std::shared_ptr<const data::Table> table, QString* error) {
    if (isActive()) return false;
    const std::string print = fingerprint(project);
    const bool resume = continues(project);
    if (!resume) {
        if (!table) {
            if (error) *error = tr("The data is not loaded yet.");
            return false;
        }
        reset();
    }
    auto config = project::experimentConfig(project);
    try {
        config.settings.validate();
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    train::BackgroundRun::Prepare prepare;
    if (resume) {
        auto experiment = m_experiment;
        experiment->trainer().updateSettings(config.settings);
        prepare = [experiment] { return experiment; };
    } else {
        // The table is copied on the run's thread: preparing a large file must not stall the window.
        prepare = [config, table] { return std::make_shared<train::Experiment>(config, data::Table(*table)); };
    }
    m_fingerprint = print;
    m_outcome.clear();
    m_restored = false;
    m_run = std::make_unique<train::BackgroundRun>(std::move(prepare), std::this_thread::get_id());
    m_run->setPace(m_pace);
    m_clock.start();
    setState(resume ? State::Running : State::Preparing);
    m_timer.start();
    return true;
}

bool TrainingController::continues(const project::Project& project) const {
    return m_state == State::Stopped && m_experiment && fingerprint(project) == m_fingerprint;
}

void TrainingController::restore(const project::Project& project, std::shared_ptr<const data::Table> table, const train::RunRecord& run) {
    if (m_state != State::Idle || !table || run.history.epochs.empty()) return;
    const int generation = ++m_restoreGeneration;
    m_restoreError.clear();
    struct Restored {
        std::shared_ptr<train::Experiment> experiment;
        std::string error;
    };
    auto config = project::experimentConfig(project);
    auto* watcher = new QFutureWatcher<Restored>(this);
    connect(watcher, &QFutureWatcher<Restored>::finished, this, [this, watcher, generation, run, print = fingerprint(project)] {
        watcher->deleteLater();
        const Restored r = watcher->result();
        if (generation != m_restoreGeneration || m_state != State::Idle) return; // reset or trained since
        if (!r.experiment) {
            m_restoreError = tr("The kept run cannot be shown: %1. Train again to judge this design.").arg(QString::fromStdString(r.error));
            Q_EMIT restoreFailed(m_restoreError);
            return;
        }
        m_experiment = r.experiment;
        auto snapshot = std::make_shared<train::ParameterSnapshot>();
        snapshot->values = run.model.parameters;
        snapshot->state = run.model.state;
        snapshot->epoch = double(run.history.epochs.back().epoch);
        m_parameters = std::move(snapshot);
        m_history = run.history;
        m_epoch = double(run.history.epochs.back().epoch);
        m_fingerprint = print;
        m_outcome = QString::fromStdString(run.outcome);
        m_restored = true;
        setState(State::Finished);
        Q_EMIT progressed();
    });
    // Preparing the data reads every row: off the GUI thread, like a run's preparation.
    watcher->setFuture(QtConcurrent::run([config, table, model = run.model]() -> Restored {
        try {
            auto experiment = std::make_shared<train::Experiment>(config, data::Table(*table));
            std::string why = experiment->adoptWeights(model);
            if (!why.empty()) return {nullptr, std::move(why)};
            return {std::move(experiment), {}};
        } catch (const std::exception& e) {
            return {nullptr, e.what()};
        }
    }));
}

void TrainingController::setPace(double epochsPerSecond) {
    m_pace = epochsPerSecond;
    if (m_run) m_run->setPace(epochsPerSecond);
}

void TrainingController::pause() {
    if (!m_run || !(m_state == State::Running || m_state == State::Preparing)) return;
    m_run->setPaused(true);
    m_elapsedBefore = elapsedSeconds();
    m_clock.invalidate();
    setState(State::Paused);
}

void TrainingController::resume() {
    if (!m_run || m_state != State::Paused) return;
    m_run->setPaused(false);
    m_clock.start();
    setState(State::Running);
}

void TrainingController::step(bool epoch) {
    if (!m_run || m_state != State::Paused) return;
    int batches = 1;
    if (epoch && m_experiment) {
        const auto rows = m_experiment->trainSet().size();
        const int batch = std::max(1, m_experiment->trainer().settings().batchSize);
        batches = int((rows + batch - 1) / batch);
    }
    m_run->step(batches);
}

void TrainingController::stop() {
    if (!m_run || !isActive()) return;
    m_run->requestStop(); // the tick sees the thread end and finishes up; no blocking here
}

void TrainingController::reset() {
    shutdown();
    ++m_restoreGeneration; // a restore still preparing is void
    m_restored = false;
    m_run.reset();
    m_experiment.reset();
    m_parameters.reset();
    m_history.clear();
    m_fingerprint.clear();
    m_step = 0;
    m_epoch = 0;
    m_rate = 0;
    m_elapsedBefore = 0;
    m_clock.invalidate();
    m_outcome.clear();
    setState(State::Idle);
    Q_EMIT progressed();
}

bool TrainingController::updateSettings(const train::TrainSettings& settings, QString* error) {
    if (!m_run || !isActive()) return true; // nothing running: the next Train reads the project
    try {
        const auto running = m_experiment ? m_experiment->trainer().settings() : settings;
        if (settings.loss != running.loss) {
            if (error) *error = tr("The loss cannot change during a run; it applies after Reset.");
            return false;
        }
        m_run->updateSettings(settings);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

void TrainingController::shutdown() {
    if (!m_run) return;
    m_run->requestStop();
    m_run->join();
    if (m_state != State::Idle) tick();
}

double TrainingController::elapsedSeconds() const {
    return m_elapsedBefore + (m_clock.isValid() ? double(m_clock.nsecsElapsed()) * 1e-9 : 0.0);
}

std::optional<model::Model> TrainingController::model() const {
    if (isActive() || !m_experiment || m_history.epochs.empty()) return std::nullopt;
    return m_experiment->model();
}

void TrainingController::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void TrainingController::tick() {
    if (!m_run) return;
    if (!m_experiment && m_run->prepared()) {
        m_experiment = m_run->experiment();
        if (m_state == State::Preparing) setState(State::Running);
    }
    bool changed = false;
    if (auto* monitor = m_run->monitor()) {
        if (m_wantParameters) monitor->requestParameters();
        m_wantParameters = false;
        auto p = monitor->take();
        changed = !p.fresh.empty() || !p.fresh.markers.empty() || p.parameters != m_parameters || p.step != m_step;
        m_history.append(std::move(p.fresh));
        m_parameters = std::move(p.parameters);
        m_step = p.step;
        m_epoch = p.epoch;
        m_rate = p.samplesPerSecond;
        if (const auto id = monitor->trainingThread(); id != std::thread::id()) m_trainingThread = id;
    }
    if (m_run->finished()) finish();
    if (changed) Q_EMIT progressed();
}

void TrainingController::finish() {
    m_timer.stop();
    m_run->join();
    if (auto* monitor = m_run->monitor()) { // what the run staged after the last tick
        auto p = monitor->take();
        m_history.append(std::move(p.fresh));
        m_parameters = std::move(p.parameters);
        m_step = p.step;
    }
    if (m_clock.isValid()) m_elapsedBefore = elapsedSeconds();
    m_clock.invalidate();
    const auto result = m_run->result();
    if (!result) {
        m_outcome = QString::fromStdString(m_run->error());
        m_experiment.reset();
        m_run.reset();
        setState(State::Failed);
        Q_EMIT progressed();
        return;
    }
    m_outcome = describe(*result);
    m_run.reset();
    const bool canContinue = result->reason == train::StopReason::Stopped;
    setState(result->reason == train::StopReason::NonFinite ? State::Failed : canContinue ? State::Stopped : State::Finished);
    Q_EMIT progressed();
}

} // namespace layerlab::app::training
