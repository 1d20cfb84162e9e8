// Everything between the training toolbar, the live views and the TrainingController: gates Train
// on the design check, starts runs on the document's snapshot, forwards mid-run settings edits,
// turns inspection results into what each view shows, keeps the status line, and puts a finished
// run (best weights + curves) into the project. MainWindow creates it and hands it the views.
// Threading: GUI thread.
#pragma once

#include "canvas/LayerNode.h"

#include <QElapsedTimer>
#include <QObject>

#include <vector>

class QLabel;
class QTabWidget;

namespace layerlab::widgets {
class MessageBar;
namespace canvas {
class NetworkScene;
}
namespace charts {
class LossChart;
}
namespace panels {
class TrainingBar;
}
namespace views {
class DecisionMapView;
class JudgeView;
class LayerActivityView;
class SequenceStateView;
} // namespace views
} // namespace layerlab::widgets

namespace layerlab::app {
class ProjectSession;
}
namespace layerlab::engine::train {
class Experiment;
}

namespace layerlab::app::training {

class LiveInspector;
class TrainingController;
struct Activity;

class TrainingActions : public QObject {
    Q_OBJECT
public:
    struct Views {
        widgets::panels::TrainingBar* bar;
        widgets::charts::LossChart* chart;
        widgets::canvas::NetworkScene* scene;
        widgets::views::LayerActivityView* layers;
        widgets::views::SequenceStateView* sequence;
        QWidget* inside; ///< the Inside tab holding both views above
        widgets::views::DecisionMapView* map;
        widgets::views::JudgeView* judge;
        widgets::MessageBar* messages;
        QLabel* status;
        QTabWidget* tabs; ///< which views are visible decides which jobs run
    };
    TrainingActions(ProjectSession* session, Views views, QObject* parent = nullptr);

    TrainingController* controller() const { return m_controller; }
    LiveInspector* inspector() const { return m_inspector; }
    /// Starts (or continues) training; false with a message when it cannot.
    bool train();
    /// The table row whose activations the canvas shows.
    void chooseSample(std::size_t row);

private:
    void wire();
    void refreshGate();
    void stateChanged();
    void progressed();
    void experimentReady();
    void showActivity();
    void showSequence(const Activity& activity, const engine::train::Experiment& experiment);
    void showMap();
    void showVerdict();
    void chooseAxes();
    void updateWanted();
    void keepRun();
    /// Spec layers the run put in front of the drawn design (an Embedding layer for factors).
    int leadingLayers() const;

    ProjectSession* m_session;
    Views m_v;
    TrainingController* m_controller;
    LiveInspector* m_inspector;
    std::vector<widgets::canvas::LayerNode> m_nodes; // the design the current run was built from
    bool m_experimentShown = false;
    QElapsedTimer m_statusClock;
};

} // namespace layerlab::app::training
