// The training toolbar's feature and the composer of the live views' features: gates Train on the
// design check, starts runs on the document's snapshot, forwards mid-run settings edits, keeps the
// status line, decides which inspection jobs run (the visible tabs), and puts a finished run (best
// weights + curves) into the project. Each live view belongs to one feature (LossCurves,
// SampleActivity, MapActions, VerdictActions), and ProjectScope tells them all when the project
// they show is gone.
// Threading: GUI thread.
#pragma once

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
class NeuronView;
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
class LossCurves;
class MapActions;
class NeuronActions;
class ProjectScope;
class RunStatus;
class VisibleJobs;
class SampleActivity;
class TrainingController;
class VerdictActions;

class TrainingActions : public QObject {
    Q_OBJECT
public:
    /// The views, handed on feature by feature; this class keeps only the bar and the messages.
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
        widgets::views::NeuronView* neuron;
    };
    TrainingActions(ProjectSession* session, Views views, QObject* parent = nullptr);
    /// About how long a sample's run lasts at the speed it opens with (issue 19, point 7).
    static constexpr double kSampleWatchSeconds = 20.0;

    TrainingController* controller() const { return m_controller; }
    LiveInspector* inspector() const { return m_inspector; }
    ProjectScope* scope() const { return m_scope; }
    /// Starts (or continues) training; false with a message when it cannot.
    bool train();
    /// The table row whose activations the canvas shows.
    void chooseSample(std::size_t row);

private:
    void wire();
    void refreshGate();
    /// Stopped: tells the bar whether Train continues the run or starts anew (the design changed).
    void refreshContinues();
    void stateChanged();
    void progressed();
    void keepRun();
    void restoreKeptRun();

    ProjectSession* m_session;
    widgets::panels::TrainingBar* m_bar;
    widgets::MessageBar* m_messages;
    TrainingController* m_controller;
    LiveInspector* m_inspector;
    ProjectScope* m_scope;
    LossCurves* m_curves;
    SampleActivity* m_samples;
    MapActions* m_maps;
    VerdictActions* m_verdicts;
    NeuronActions* m_neurons;
    RunStatus* m_status;
    VisibleJobs* m_jobs;
    bool m_experimentShown = false;
    QString m_anewNotice; // the "new run" notice while the run it describes lasts
};

} // namespace layerlab::app::training
