// The Neuron panel's feature (issue 19, point 8): a neuron clicked on the canvas is shown in full
// beside it — name, value on the sample row, its own map, its incoming weights — and kept up to
// date as the run's activations and maps come in. Everything comes from what the canvas shows.
// Threading: GUI thread.
#pragma once

#include <QObject>

namespace layerlab::widgets::canvas {
class NetworkScene;
}
namespace layerlab::widgets::views {
class NeuronView;
}

namespace layerlab::app::training {

class LiveInspector;
class ProjectScope;

class NeuronActions : public QObject {
    Q_OBJECT
public:
    NeuronActions(LiveInspector* inspector, ProjectScope* scope, widgets::canvas::NetworkScene* scene, widgets::views::NeuronView* view,
                  QObject* parent = nullptr);
    /// Re-reads the chosen neuron from the canvas (new activations, maps or weights).
    void refresh();

Q_SIGNALS:
    /// A neuron was clicked: the panel wants to be seen.
    void shown();

private:
    LiveInspector* m_inspector;
    widgets::canvas::NetworkScene* m_scene;
    widgets::views::NeuronView* m_view;
};

} // namespace layerlab::app::training
