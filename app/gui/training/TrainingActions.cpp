#include "TrainingActions.h"

#include "LiveInspector.h"
#include "LossCurves.h"
#include "MapActions.h"
#include "MessageBar.h"
#include "NeuronActions.h"
#include "ProjectScope.h"
#include "ProjectSession.h"
#include "RunStatus.h"
#include "SampleActivity.h"
#include "TrainingController.h"
#include "VerdictActions.h"
#include "VisibleJobs.h"
#include "canvas/DesignCheck.h"
#include "canvas/GraphModel.h"
#include "document/ProjectDocument.h"
#include "panels/TrainingBar.h"
#include "views/DecisionMapView.h"
#include "views/JudgeView.h"


#include <algorithm>

namespace layerlab::app::training {

using namespace layerlab::engine;
using State = TrainingController::State;
using widgets::panels::TrainingBar;

namespace {

TrainingBar::Mode mode(State s) {
    switch (s) {
    case State::Idle: return TrainingBar::Mode::Idle;
    case State::Preparing: return TrainingBar::Mode::Preparing;
    case State::Running: return TrainingBar::Mode::Running;
    case State::Paused: return TrainingBar::Mode::Paused;
    case State::Stopped: return TrainingBar::Mode::Stopped;
    case State::Finished:
    case State::Failed: return TrainingBar::Mode::Finished;
    }
    return TrainingBar::Mode::Idle;
}


} // namespace

TrainingActions::TrainingActions(ProjectSession* session, Views views, QObject* parent)
    : QObject(parent), m_session(session), m_bar(views.bar), m_messages(views.messages),
      m_controller(new TrainingController(this)), m_inspector(new LiveInspector(m_controller, this)),
      m_scope(new ProjectScope(session, this)),
      m_curves(new LossCurves(session, m_controller, m_scope, views.chart, this)),
      m_samples(new SampleActivity(m_controller, m_inspector, m_scope, {views.scene, views.layers, views.sequence, views.bar}, this)),
      m_maps(new MapActions(m_controller, m_inspector, m_scope, views.map, views.messages, this)),
      m_verdicts(new VerdictActions(m_controller, m_inspector, m_scope, views.judge, this)),
      m_neurons(new NeuronActions(m_inspector, m_scope, views.scene, views.neuron, this)),
      m_status(new RunStatus(m_controller, views.status, this)),
      m_jobs(new VisibleJobs(m_controller, m_inspector, {views.tabs, views.inside, views.map, views.judge}, this)) {
    wire();
    refreshGate();
    stateChanged();
}

void TrainingActions::wire() {
    auto* doc = m_session->document();
    connect(m_bar, &TrainingBar::trainRequested, this, &TrainingActions::train);
    connect(m_bar, &TrainingBar::pauseRequested, this, [this](bool on) { on ? m_controller->pause() : m_controller->resume(); });
    connect(m_bar, &TrainingBar::stepRequested, m_controller, &TrainingController::step);
    connect(m_bar, &TrainingBar::paceChosen, m_controller, &TrainingController::setPace);
    // A sample trains slowly enough to watch (its settings finished in under a second at full
    // speed: "0:00", nothing seen); the user's own projects at full speed. The bar says which.
    connect(m_session, &ProjectSession::opened, this, [this] {
        const int epochs = std::max(1, m_session->document()->state().training.epochs);
        m_bar->setPace(m_session->isSample() ? double(epochs) / kSampleWatchSeconds : 0.0);
    });
    connect(m_bar, &TrainingBar::stopRequested, m_controller, &TrainingController::stop);
    connect(m_bar, &TrainingBar::resetRequested, m_controller, &TrainingController::reset);
    connect(m_controller, &TrainingController::stateChanged, this, &TrainingActions::stateChanged);
    connect(m_controller, &TrainingController::progressed, this, &TrainingActions::progressed);
    connect(m_inspector, &LiveInspector::failed, this, [this](const QString& m) { m_messages->showMessage(widgets::MessageBar::Kind::Error, m); });
    connect(m_session, &ProjectSession::issuesChanged, this, &TrainingActions::refreshGate);
    connect(m_session, &ProjectSession::analysisChanged, this, &TrainingActions::refreshGate);
    // Another project (or other data): the run and every choice made for the old one go. The
    // features clear their own views on the same signal.
    connect(m_scope, &ProjectScope::projectChanged, this, [this] {
        m_controller->reset();
        m_inspector->forgetProject();
        m_experimentShown = false;
        refreshGate();
        restoreKeptRun();
    });
    connect(m_controller, &TrainingController::restoreFailed, this,
            [this](const QString& m) { m_messages->showMessage(widgets::MessageBar::Kind::Info, m); });
    // Settings edited mid-run reach the trainer before its next batch (and get a chart marker).
    connect(doc, &document::ProjectDocument::stateChanged, this, [this] {
        refreshContinues();
        if (!m_controller->isActive()) return;
        QString error;
        if (!m_controller->updateSettings(m_session->document()->state().training, &error))
            m_messages->showMessage(widgets::MessageBar::Kind::Error, error);
    });
    connect(m_session->graph(), &widgets::canvas::GraphModel::changed, this, &TrainingActions::refreshContinues);
    connect(m_maps, &MapActions::axesChanged, m_jobs, &VisibleJobs::update);
    connect(m_verdicts, &VerdictActions::rowChosen, this, [this](std::size_t row) {
        chooseSample(row);
        m_jobs->showDesign(); // show it on the canvas
    });
    connect(m_neurons, &NeuronActions::shown, m_jobs, &VisibleJobs::showDesign); // the panel is beside the canvas
}

void TrainingActions::chooseSample(std::size_t row) { m_samples->chooseSample(row); }

void TrainingActions::refreshGate() {
    QString reason;
    if (const auto table = m_session->table(); table && !m_controller->experiment()) m_samples->setRowCount(int(table->rowCount()));
    if (!m_session->table()) reason = tr("Load the data first");
    else if (widgets::canvas::DesignCheck::hasErrors(m_session->issues())) reason = tr("The design has problems: see the canvas");
    m_bar->setBlocked(reason);
}

bool TrainingActions::train() {
    refreshGate();
    if (widgets::canvas::DesignCheck::hasErrors(m_session->issues())) {
        m_messages->showMessage(widgets::MessageBar::Kind::Error, tr("The design has problems (marked on the canvas): fix them before training."));
        return false;
    }
    const auto project = m_session->document()->snapshot();
    const bool stopped = m_controller->state() == State::Stopped;
    const bool anew = stopped && !m_controller->continues(project);
    // The run this one replaces stays on the chart, faded: a changed design must not silently
    // wipe the curves the user was comparing against (issue 19, point 11).
    std::vector<train::EpochReport> previous;
    if (anew || m_controller->state() == State::Finished) previous = m_controller->history().epochs;
    QString error;
    if (!m_controller->train(project, m_session->table(), &error)) {
        m_messages->showMessage(widgets::MessageBar::Kind::Error, error.isEmpty() ? tr("Training could not start.") : error);
        return false;
    }
    if (m_controller->state() == State::Preparing) {
        m_samples->runStarted(m_session->graph()->nodes());
        m_experimentShown = false;
        m_inspector->clear();
        m_curves->runStarted(std::move(previous));
    }
    m_anewNotice = anew ? tr("The design or data changed since the run stopped, so this is a new run from fresh weights. "
                             "The old run's curves stay on the chart, faded, until the new one catches up.")
                        : QString();
    if (anew)
        m_messages->showMessage(widgets::MessageBar::Kind::Info, m_anewNotice);
    else
        m_messages->hide();
    return true;
}

void TrainingActions::refreshContinues() {
    if (m_controller->state() != State::Stopped) return;
    m_bar->setContinues(m_controller->continues(m_session->document()->snapshot()));
}

void TrainingActions::stateChanged() {
    const State s = m_controller->state();
    m_bar->setMode(mode(s));
    refreshContinues();
    if (s == State::Idle) {
        m_experimentShown = false;
        m_samples->clear();
        m_verdicts->clear();
        m_maps->clear();
        m_curves->runCleared();
    }
    // The "new run" notice is about the run it started: it goes when that run ends (it stayed
    // until dismissed, and then described a run long finished).
    if (!m_anewNotice.isEmpty() && s != State::Preparing && s != State::Running && s != State::Paused) {
        if (m_messages->text() == m_anewNotice) m_messages->hide();
        m_anewNotice.clear();
    }
    if (s == State::Failed) m_messages->showMessage(widgets::MessageBar::Kind::Error, m_controller->outcome());
    if (s == State::Finished || s == State::Stopped) keepRun();
    m_jobs->update();
    progressed();
}

void TrainingActions::progressed() {
    if (!m_experimentShown && m_controller->experiment()) {
        m_experimentShown = true;
        m_samples->experimentReady();
        m_curves->experimentReady();
        m_maps->experimentReady();
    }
    m_curves->progressed();
    m_status->show();
}

void TrainingActions::restoreKeptRun() {
    // Issue 19, point 10: a reopened project's Judge, Map and Inside come back from its kept run.
    const auto& run = m_session->document()->run();
    const auto table = m_session->table();
    if (!run || !table || widgets::canvas::DesignCheck::hasErrors(m_session->issues())) return;
    m_samples->runStarted(m_session->graph()->nodes()); // the kept run's design is this one
    m_controller->restore(m_session->document()->snapshot(), table, *run);
}

void TrainingActions::keepRun() {
    if (m_controller->isRestored()) return; // it is the project's kept run already
    if (m_controller->history().epochs.empty()) return;
    auto model = m_controller->model();
    if (!model) return;
    train::RunRecord record{std::move(*model), m_controller->history(), m_controller->outcome().toStdString()};
    record.history.stepLoss.clear(); // per-step losses are not kept in files
    record.history.stepEpoch.clear();
    m_session->document()->setRun(std::move(record));
}

} // namespace layerlab::app::training
