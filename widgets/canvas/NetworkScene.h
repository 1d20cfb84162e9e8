// The canvas scene: a view of the GraphModel plus the data's input and target. It rebuilds its
// items when the model changes (items hold ids only) and turns gestures into undo commands:
// a palette click or drop adds a layer, a finished drag moves one (a chain: reorders it; a graph:
// places the card), a drag from an output port onto a layer connects them, Delete removes the
// selected layer or connection, Wrap puts a residual connection around the selected layers and
// Tidy lays a graph out again. An edit that cannot be made is refused with a sentence (refused()).
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

class QGraphicsLineItem;
class QUndoStack;

namespace layerlab::widgets::canvas {

class ConnectionItem;
class LayerItem;

class NetworkScene : public QGraphicsScene {
    Q_OBJECT
public:
    static constexpr qreal kColumnPitch = 190; ///< distance between a chain's layer centres
    static constexpr qreal kGraphPitch = 250;  ///< a graph's: room for the shape on each connection
    NetworkScene(GraphModel* model, QUndoStack* undo, QObject* parent = nullptr);
    /// Removes the items while this is still a NetworkScene: QGraphicsScene's own destructor
    /// would emit selectionChanged into our handler after our part is gone.
    ~NetworkScene() override;

    void setData(const DataSummary& data);
    void setIssues(std::vector<DesignIssue> issues);
    /// What an "auto" output layer resolves to under the current loss (0 = not known yet).
    void setOutputUnits(int units);
    /// The network's shapes on the data, for the connections' labels (takes effect at the next
    /// rebuild: set it before setIssues()).
    void setShapes(GraphDrawing::Shapes shapes) { m_shapes = std::move(shapes); }
    /// Live colouring (activations, weights, neuron maps); an empty one restores the plain look.
    void setActivity(NeuronActivity activity);
    const NeuronActivity& activity() const { return m_activity; }
    /// Id of the selected layer; 0 = none (or the input).
    int selectedLayer() const { return m_selected; }
    void selectLayer(int id);
    LayerItem* itemFor(int id) const;
    /// The connection from `from` into `to`, or nullptr.
    ConnectionItem* connectionFor(int from, int to) const;
    /// The neuron the Neuron panel shows (chosen by a click); layer -1 = none.
    void chooseNeuron(int layerId, int neuron);
    int chosenLayer() const { return m_chosenLayer; }
    int chosenNeuron() const { return m_chosenNeuron; }
    /// Everything the canvas knows about the chosen neuron: names, value, map, incoming weights.
    views::NeuronDetail describeNeuron() const;

    /// A new layer of `kind` at list position `index` (-1 = after the selection, else before the output).
    void addLayer(NodeKind kind, int index = -1);
    /// A new layer dropped at scene x.
    void dropNewLayer(NodeKind kind, qreal x);
    /// Deletes the selected connection, else the selected layers (the output stays).
    void removeSelected();
    /// `to` reads `from` (0 = the input row): one undo step, or refused().
    bool connectLayers(int from, int to);
    /// `to` stops reading `from`: one undo step, or refused().
    bool disconnectLayers(int from, int to);
    /// A residual connection (an Add) around the selected layers: one undo step, or refused().
    bool wrapSelectionInResidual();
    /// Forgets where the user put a graph's cards and lays it out again: one undo step.
    bool tidy();
    /// List index for a layer released at scene x in a chain (excluding `movingId`).
    int indexForX(qreal x, int movingId = 0) const;
    static LayerNode defaultNode(NodeKind kind);

Q_SIGNALS:
    void layerSelected(int id);
    /// A neuron was chosen (clicked), or the choice went with its layer (-1).
    void neuronChosen(int layerId, int neuron);
    /// The chosen neuron's layer was redrawn (an edit, new values): its description may differ.
    void chosenNeuronRedrawn();
    /// An edit the graph cannot take, and why (for the status bar).
    void refused(const QString& why);

private:
    struct Edge {
        ConnectionItem* item;
        int from, to;
    };
    void rebuild();
    void placeItems();
    void addEdges();
    void layerDropped(int id, QPointF pos);
    void connectDragged(int id, QPointF at, bool done);
    void applyActivity();
    /// The shape node `i` outputs (width 0 = not known).
    engine::nn::Shape shapeOf(int id) const;
    bool push(const QString& text, const GraphEdits::Result& result);

    GraphModel* m_model;
    QUndoStack* m_undo;
    DataSummary m_data;
    int m_chosenLayer = -1;
    int m_chosenNeuron = -1;
    std::vector<DesignIssue> m_issues;
    int m_outputUnits = 0;
    std::vector<LayerItem*> m_items; ///< input first, then the nodes in list order
    std::vector<Edge> m_edges;
    GraphDrawing::Shapes m_shapes;
    NeuronActivity m_activity;
    QGraphicsLineItem* m_rubber = nullptr; ///< the connection being drawn from a port
    int m_selected = 0;
    bool m_rebuilding = false;
};

} // namespace layerlab::widgets::canvas
