// The canvas scene: a view of the GraphModel plus the data's input and target. It rebuilds its
// items when the model changes (items hold ids only) and turns gestures into undo commands:
// a palette click or drop adds a layer, a finished drag moves one, Delete removes one.
// Threading: GUI thread only.
#pragma once

#include "DataSummary.h"
#include "DesignIssue.h"
#include "GraphDrawing.h"
#include "GraphModel.h"
#include "NeuronActivity.h"
#include "views/NeuronView.h"

#include <QGraphicsScene>

#include <vector>

class QUndoStack;

namespace layerlab::widgets::canvas {

class ConnectionItem;
class LayerItem;

class NetworkScene : public QGraphicsScene {
    Q_OBJECT
public:
    static constexpr qreal kColumnPitch = 190; ///< distance between layer centres
    NetworkScene(GraphModel* model, QUndoStack* undo, QObject* parent = nullptr);
    /// Removes the items while this is still a NetworkScene: QGraphicsScene's own destructor
    /// would emit selectionChanged into our handler after our part is gone.
    ~NetworkScene() override;

    void setData(const DataSummary& data);
    void setIssues(std::vector<DesignIssue> issues);
    /// What an "auto" output layer resolves to under the current loss (0 = not known yet).
    void setOutputUnits(int units);
    /// A held graph's shapes on the data, for its edges' labels (takes effect at the next rebuild:
    /// set it before setIssues()).
    void setGraphShapes(GraphDrawing::Shapes shapes) { m_graphShapes = std::move(shapes); }
    /// Live colouring (activations, weights, neuron maps); an empty one restores the plain look.
    void setActivity(NeuronActivity activity);
    const NeuronActivity& activity() const { return m_activity; }
    /// Id of the selected layer; 0 = none (or the input).
    int selectedLayer() const { return m_selected; }
    void selectLayer(int id);
    LayerItem* itemFor(int id) const;
    /// The neuron the Neuron panel shows (chosen by a click); layer -1 = none.
    void chooseNeuron(int layerId, int neuron);
    int chosenLayer() const { return m_chosenLayer; }
    int chosenNeuron() const { return m_chosenNeuron; }
    /// Everything the canvas knows about the chosen neuron: names, value, map, incoming weights.
    views::NeuronDetail describeNeuron() const;

    /// A new layer of `kind` at chain position `index` (-1 = after the selection, else before the output).
    void addLayer(NodeKind kind, int index = -1);
    /// A new layer dropped at scene x.
    void dropNewLayer(NodeKind kind, qreal x);
    void removeSelected();
    /// Chain index for a layer released at scene x (excluding `movingId`).
    int indexForX(qreal x, int movingId = 0) const;
    static LayerNode defaultNode(NodeKind kind);

Q_SIGNALS:
    void layerSelected(int id);
    /// A neuron was chosen (clicked), or the choice went with its layer (-1).
    void neuronChosen(int layerId, int neuron);
    /// The chosen neuron's layer was redrawn (an edit, new values): its description may differ.
    void chosenNeuronRedrawn();

private:
    void rebuild();
    void layerDropped(int id, qreal x);
    LayerItem* makeInputItem();
    LayerItem* makeLayerItem(const LayerNode& node);
    void applyActivity();

    GraphModel* m_model;
    QUndoStack* m_undo;
    DataSummary m_data;
    int m_chosenLayer = -1;
    int m_chosenNeuron = -1;
    std::vector<DesignIssue> m_issues;
    int m_outputUnits = 0;
    std::vector<LayerItem*> m_items; ///< input first, then the chain
    std::vector<ConnectionItem*> m_connections; ///< m_connections[i] joins m_items[i] and m_items[i + 1]
    /// A drawn graph's edges and the layer id each goes into (empty for a chain).
    std::vector<std::pair<ConnectionItem*, int>> m_graphEdges;
    GraphDrawing::Shapes m_graphShapes;
    NeuronActivity m_activity;
    int m_selected = 0;
    bool m_rebuilding = false;
};

} // namespace layerlab::widgets::canvas
