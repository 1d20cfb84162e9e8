// The Model tab: a trained model (opened from a file, or the one this session trained) with its
// topology on a read-only canvas, what it takes and predicts, and its predictions on a CSV in a
// table that can be saved. Emits requests; the app does the loading, predicting, saving and
// exporting off the GUI thread and hands results back here.
#pragma once

#include "data/Table.h"
#include "model/Model.h"
#include "model/PredictionTable.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;
class QUndoStack;

namespace layerlab::widgets::canvas {
class CanvasView;
class GraphModel;
class NetworkScene;
} // namespace layerlab::widgets::canvas

namespace layerlab::widgets::panels {
class PredictionsModel;
}

namespace layerlab::widgets::views {

class ModelView : public QWidget {
    Q_OBJECT
public:
    explicit ModelView(QWidget* parent = nullptr);

    /// Shows `model` (null = none yet); `source` says where it came from ("shots.llmodel", "trained in this session").
    void setModel(std::shared_ptr<const engine::model::Model> model, const QString& source);
    const engine::model::Model* model() const { return m_model.get(); }
    void setPredictions(std::shared_ptr<const engine::data::Table> table, std::shared_ptr<const engine::model::PredictionTable> predictions,
                        const QString& dataName);
    /// While a background job runs: the buttons wait and `what` is shown.
    void setBusy(bool busy, const QString& what = {});
    /// A line under the table (errors in red).
    void setStatus(const QString& text, bool error = false);
    void setTrainedAvailable(bool available);
    QTableView* table() const { return m_table; }
    QString summary() const;
    /// Which formats a model of the design being edited can be exported to, and why not (said
    /// before anything is trained); rich text, one line.
    void setDesignExports(const QString& text);
    /// True while the model's drawing is shown (there is a model).
    bool isDrawingShown() const;
    QString designExports() const;

Q_SIGNALS:
    void openRequested();
    void useTrainedRequested();
    void predictRequested();
    void saveRequested();
    void exportRequested();

protected:
    // The topology is fitted to the space it has whenever that changes (it cannot be zoomed by hand).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refreshButtons();

    std::shared_ptr<const engine::model::Model> m_model;
    canvas::GraphModel* m_graph;
    QUndoStack* m_undo;
    canvas::NetworkScene* m_scene;
    canvas::CanvasView* m_canvas;
    QLabel* m_summary;
    QLabel* m_designExports;
    QLabel* m_status;
    QTableView* m_table;
    panels::PredictionsModel* m_predictions;
    QPushButton *m_open, *m_trained, *m_predict, *m_save, *m_export;
    bool m_busy = false, m_trainedAvailable = false, m_hasPredictions = false;
};

} // namespace layerlab::widgets::views
