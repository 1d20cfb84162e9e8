// The inspector for the selected layer: units, activation, initializer, dropout. Every change
// is an EditLayerCommand on the shared undo stack (same-field edits merge into one step).
// It reads the layer back from the GraphModel whenever the selection or the model changes.
#pragma once

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QSpinBox;
class QUndoStack;

#include "canvas/LayerNode.h"

namespace layerlab::widgets::canvas {
class GraphModel;
} // namespace layerlab::widgets::canvas

namespace layerlab::widgets::panels {

class LayerInspector : public QWidget {
    Q_OBJECT
public:
    LayerInspector(canvas::GraphModel* model, QUndoStack* undo, QWidget* parent = nullptr);
    /// Shows layer `id`; 0 shows a hint instead.
    void showLayer(int id);
    int layerId() const { return m_id; }
    /// The data's input columns, for a Columns layer's choice.
    void setInputColumns(const QStringList& names);

private:
    void refresh();
    void edit(const QString& field, const std::function<void(canvas::LayerNode&)>& change);

    canvas::GraphModel* m_model;
    QUndoStack* m_undo;
    int m_id = 0;
    bool m_updating = false;
    QLabel* m_title;
    QFormLayout* m_form;
    QSpinBox* m_units;
    QComboBox* m_activation;
    QComboBox* m_init;
    QDoubleSpinBox* m_dropout;
    QCheckBox* m_sequences;
    QCheckBox* m_bidirectional;
    QListWidget* m_columns;
    QStringList m_inputColumns;
};

} // namespace layerlab::widgets::panels
