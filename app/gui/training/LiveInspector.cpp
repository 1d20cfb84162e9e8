#include "LiveInspector.h"

#include "InspectionJobs.h"
#include "style/Theme.h"

#include <QtConcurrent/QtConcurrentRun>

#include <tbb/task_arena.h>

namespace layerlab::app::training {

LiveInspector::LiveInspector(TrainingController* controller, QObject* parent)
    : QObject(parent), m_controller(controller), m_colors(widgets::style::Colormap::fromTheme()) {
    m_clock.start();
    m_timer.setInterval(TrainingController::kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveInspector::schedule);
    connect(controller, &TrainingController::progressed, this, &LiveInspector::schedule);
    // Maps are painted off the GUI thread with a copy of the colours: take a new copy on a theme switch.
    connect(&widgets::style::Theme::instance(), &widgets::style::Theme::changed, this, [this] {
        m_colors = widgets::style::Colormap::fromTheme();
        m_jobs[int(Job::Map)].dirty = true;
        m_jobs[int(Job::Map)].nextAllowedMs = 0;
        poke();
    });
    connect(controller, &TrainingController::stateChanged, this, [this](TrainingController::State s) {
        if (s == TrainingController::State::Idle) clear();
        poke();
    });
}

LiveInspector::~LiveInspector() { m_generation = -1; }

void LiveInspector::setWanted(Job job, bool wanted) {
    m_jobs[int(job)].wanted = wanted;
    if (wanted) poke();
}

void LiveInspector::setSampleRow(std::size_t row) {
    m_sampleRow = row;
    m_jobs[int(Job::Activity)].dirty = true;
    m_jobs[int(Job::Activity)].nextAllowedMs = 0; // the user asked: answer now
    poke();
}

void LiveInspector::pickRandomSample() {
    const auto experiment = m_controller->experiment();
    if (!experiment) return;
    const auto& rows = experiment->split().validation.empty() ? experiment->split().train : experiment->split().validation;
    if (rows.empty()) return;
    m_random ^= m_random << 13, m_random ^= m_random >> 7, m_random ^= m_random << 17; // xorshift: display only
    setSampleRow(rows[m_random % rows.size()]);
}

void LiveInspector::setMapAxes(const engine::model::MapAxes& axes, bool neuronMaps) {
    m_axes = axes;
    m_neuronMaps = neuronMaps;
    m_jobs[int(Job::Map)].dirty = true;
    m_jobs[int(Job::Map)].nextAllowedMs = 0;
    poke();
}

void LiveInspector::setJudgeTest(bool onTest) {
    m_judgeTest = onTest;
    m_jobs[int(Job::Verdict)].dirty = true;
    m_jobs[int(Job::Verdict)].nextAllowedMs = 0;
    poke();
}

void LiveInspector::forgetProject() {
    m_sampleRow = 0;
    m_axes.reset();
    clear();
}

void LiveInspector::clear() {
    ++m_generation;
    m_activity.reset();
    m_map.reset();
    m_verdict.reset();
    for (auto& slot : m_jobs) {
        slot.dirty = true;
        slot.doneStep = -1;
        slot.running = false;
        slot.nextAllowedMs = 0;
    }
    Q_EMIT activityReady();
    Q_EMIT mapReady();
    Q_EMIT verdictReady();
}

void LiveInspector::poke() {
    if (!m_timer.isActive()) m_timer.start();
    schedule();
}

void LiveInspector::schedule() {
    const bool anyWanted = m_jobs[0].wanted || m_jobs[1].wanted || m_jobs[2].wanted;
    if (!anyWanted) {
        m_timer.stop();
        return;
    }
    const auto experiment = m_controller->experiment();
    const auto params = m_controller->parameters();
    const qint64 now = m_clock.elapsed();
    // Fresh weights only when a job could start with them: each snapshot is a copy of every
    // parameter, made between two batches on the training thread.
    if (m_controller->state() == TrainingController::State::Running)
        for (const Slot& slot : m_jobs)
            if (slot.wanted && !slot.running && now >= slot.nextAllowedMs) {
                m_controller->wantParameters();
                break;
            }
    if (!experiment || !params) return;
    bool pending = false;
    for (int k = 0; k < 3; ++k) {
        Slot& slot = m_jobs[k];
        if (!slot.wanted) continue;
        const bool stale = slot.dirty || slot.doneStep != params->step;
        if (!stale) continue;
        pending = true;
        if (slot.running || now < slot.nextAllowedMs) continue;
        if (k == int(Job::Map) && !m_axes) continue;
        switch (Job(k)) {
        case Job::Activity: {
            const std::size_t row = m_sampleRow;
            launch<Activity>(Job::Activity, [experiment, params, row] { return InspectionJobs::activity(*experiment, params, row, 64); },
                             m_activity, &LiveInspector::activityReady);
            break;
        }
        case Job::Map: {
            const auto axes = *m_axes;
            const bool neurons = m_neuronMaps;
            const auto colors = m_colors;
            launch<MapPicture>(Job::Map, [experiment, params, axes, neurons, colors] {
                return InspectionJobs::map(*experiment, *params, axes, neurons, colors, 360, 1500);
            }, m_map, &LiveInspector::mapReady);
            break;
        }
        case Job::Verdict: {
            const bool test = m_judgeTest;
            launch<Verdict>(Job::Verdict, [experiment, params, test] { return InspectionJobs::verdict(*experiment, *params, test); },
                            m_verdict, &LiveInspector::verdictReady);
            break;
        }
        }
        slot.doneStep = params->step;
        slot.dirty = false;
    }
    // While something is due, tick on our own (a paused run sends no progress).
    if (pending && !m_timer.isActive()) m_timer.start();
    if (!pending && m_controller->state() != TrainingController::State::Running) m_timer.stop();
}

template <class T>
void LiveInspector::launch(Job job, std::function<std::shared_ptr<const T>()> work, std::shared_ptr<const T>& target,
                           void (LiveInspector::*ready)()) {
    Slot& slot = m_jobs[int(job)];
    slot.running = true;
    slot.started.start();
    const int generation = m_generation;
    auto error = std::make_shared<std::string>(); // written by the job before it finishes
    auto* watcher = new QFutureWatcher<std::shared_ptr<const T>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job, generation, &target, ready, error] {
        watcher->deleteLater();
        Slot& s = m_jobs[int(job)];
        const qint64 took = s.started.elapsed();
        s.running = false;
        s.nextAllowedMs = m_clock.elapsed() + std::max<qint64>(kMinIntervalMs[int(job)], took * kIdleFactor);
        if (generation != m_generation) return;
        if (!error->empty()) {
            Q_EMIT failed(QString::fromStdString(*error));
            return;
        }
        target = watcher->result();
        Q_EMIT(this->*ready)();
        schedule();
    });
    watcher->setFuture(QtConcurrent::run([work = std::move(work), error]() -> std::shared_ptr<const T> {
        try {
            // One thread, in an arena of its own: a view's products never take the TBB workers
            // the training run is waiting for.
            tbb::task_arena single(1);
            std::shared_ptr<const T> result;
            single.execute([&] { result = work(); });
            return result;
        } catch (const std::exception& e) {
            *error = e.what();
            return nullptr;
        }
    }));
}

} // namespace layerlab::app::training
