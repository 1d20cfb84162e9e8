// The loss chart's feature: which history it draws (the live run's, or the run kept in the
// project), the metric's baselines on the validation rows (from the engine's do-nothing model),
// and the overfitting flag, live, from the engine's diagnosis of the epochs so far.
// Threading: GUI thread.
#pragma once

#include "train/RunHistory.h"

#include <QObject>

#include <vector>

namespace layerlab::widgets::charts {
class LossChart;
}
namespace layerlab::app {
class ProjectSession;
}

namespace layerlab::app::training {

class ProjectScope;
class TrainingController;

class LossCurves : public QObject {
    Q_OBJECT
public:
    LossCurves(ProjectSession* session, TrainingController* controller, ProjectScope* scope, widgets::charts::LossChart* chart,
               QObject* parent = nullptr);
    /// A run starts from scratch: draw its history, and `previous` (the curves of the run it
    /// replaces) in grey until it catches up.
    void runStarted(std::vector<engine::train::EpochReport> previous = {});
    /// The run's data is prepared: set the metric and its baselines.
    void experimentReady();
    void progressed();
    /// The run was reset: back to the kept run's curves, if any.
    void runCleared();

private:
    void showKeptRun();

    ProjectSession* m_session;
    TrainingController* m_controller;
    widgets::charts::LossChart* m_chart;
};

} // namespace layerlab::app::training
