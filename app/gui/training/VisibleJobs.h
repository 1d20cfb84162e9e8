// Which inspection jobs run: only those whose views can be seen. The canvas (Design tab) wants the
// sample's activations and, with neuron maps on, the maps; Inside the activations; Map the map;
// Judge the verdict. Nothing runs before a run exists.
// Threading: GUI thread.
#pragma once

#include <QObject>

class QTabWidget;
class QWidget;

namespace layerlab::widgets::views {
class DecisionMapView;
}

namespace layerlab::app::training {

class LiveInspector;
class TrainingController;

class VisibleJobs : public QObject {
    Q_OBJECT
public:
    struct Tabs {
        QTabWidget* tabs;                        ///< index 0 is the Design tab
        QWidget* inside;
        widgets::views::DecisionMapView* map;    ///< also asked whether the canvas wants neuron maps
        QWidget* judge;
    };
    VisibleJobs(TrainingController* controller, LiveInspector* inspector, Tabs tabs, QObject* parent = nullptr);
    void update();
    /// Shows the Design tab (the canvas and the Neuron panel beside it).
    void showDesign();

private:
    TrainingController* m_controller;
    LiveInspector* m_inspector;
    Tabs m_t;
};

} // namespace layerlab::app::training
