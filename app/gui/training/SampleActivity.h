// The sample row's feature: what the canvas shows on each layer (activation colours, neuron
// maps), the Inside tab (a layer over a batch, a recurrent layer step by step) and the sample
// spinner on the training bar. It keeps the design the current run was built from, so the canvas
// colours the layers the run really has.
// Threading: GUI thread.
#pragma once

#include "CanvasActivity.h"
#include "canvas/LayerNode.h"

#include <QObject>

#include <vector>

namespace layerlab::widgets::canvas {
class NetworkScene;
}
namespace layerlab::widgets::panels {
class TrainingBar;
}
namespace layerlab::widgets::views {
class LayerActivityView;
class SequenceStateView;
} // namespace layerlab::widgets::views
namespace layerlab::engine::train {
class Experiment;
}

namespace layerlab::app::training {

class LiveInspector;
class ProjectScope;
class TrainingController;
struct Activity;

class SampleActivity : public QObject {
    Q_OBJECT
public:
    struct Views {
        widgets::canvas::NetworkScene* scene;
        widgets::views::LayerActivityView* layers;
        widgets::views::SequenceStateView* sequence;
        widgets::panels::TrainingBar* bar; ///< its sample spinner
    };
    SampleActivity(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope, Views views,
                   QObject* parent = nullptr);
    /// A run starts from scratch on this design.
    void runStarted(std::vector<widgets::canvas::LayerNode> nodes);
    void experimentReady();
    /// The table row whose activations the canvas shows.
    void chooseSample(std::size_t row);
    /// The run was reset: nothing to colour.
    void clear();
    /// The data table's row count, while no run holds the data.
    void setRowCount(int rows);

private:
    void showActivity();
    void showCanvas();
    void showSequence(const Activity& activity, const engine::train::Experiment& experiment);
    void projectChanged();
    void showSelectedLayer();
    /// Spec layers the run put in front of the drawn design (an Embedding layer for factors).
    int leadingLayers() const;

    TrainingController* m_controller;
    LiveInspector* m_inspector;
    Views m_v;
    std::vector<widgets::canvas::LayerNode> m_nodes; // the design the current run was built from
    /// Which spec layer each drawn card shows: the nodes of a chain, or every layer of a graph.
    std::vector<CanvasActivity::NodeLayers> drawnLayers() const;
    std::vector<int> m_insideIds;                    // canvas node id of each layer listed on Inside
    int m_selectedId = 0;                            // the layer last selected on the canvas
};

} // namespace layerlab::app::training
