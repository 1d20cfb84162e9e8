// File › Open Model…, File › Export Model… and the Model tab's Predict / Save: everything done with
// a trained model. Loading a model, predicting on a CSV, saving predictions and exporting all run
// on Qt's thread pool (one job at a time; the tab's buttons wait); results come back to the GUI
// thread through a QFutureWatcher. Errors name the file (and line/column, or the export's reason)
// in the message bar and the tab; nothing is written unless it is complete.
//
// The model shown is the last one asked for: a file just opened, or the one this session trained
// (the best weights of the kept run), which follows new runs while it is the one shown.
#pragma once

#include "ModelExporter.h"
#include "model/Model.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QMenu;
class QWidget;

namespace layerlab::engine::data {
class Table;
}
namespace layerlab::engine::model {
class PredictionTable;
}
namespace layerlab::widgets {
class MessageBar;
namespace views {
class ModelView;
}
} // namespace layerlab::widgets

namespace layerlab::app {

class ProjectSession;

namespace model {

class ModelActions : public QObject {
    Q_OBJECT
public:
    ModelActions(QWidget* window, ProjectSession* session, widgets::views::ModelView* view, widgets::MessageBar* messages,
                 QObject* parent = nullptr);

    /// Adds Open Model…, Export Model… and Predict on CSV… to the File menu.
    void populate(QMenu* file);

    // The same work as the dialogs, without them (tests, drag and drop).
    void openModel(const QString& path);
    void useTrained();
    void predictOn(const QString& csvPath);
    void savePredictions(const QString& path);
    void exportTo(const QString& path, exporters::ExportFormat format);

    bool busy() const { return m_busy; }
    std::shared_ptr<const engine::model::Model> current() const { return m_model; }

Q_SIGNALS:
    void modelShown();
    void predicted();
    void saved(const QString& path);
    void exported(const QString& path);
    void failed(const QString& message);

private:
    void chooseModel();
    void choosePredictionData();
    void chooseSaveTarget();
    void chooseExport();
    void refreshTrained();
    void showDesignExports();
    void show(std::shared_ptr<const engine::model::Model> model, const QString& source, bool trained);
    void fail(const QString& message);
    /// Runs `work` on the pool; `done` gets its result on the GUI thread, or fail() its error.
    template <typename T>
    void start(const QString& what, std::function<T()> work, std::function<void(T)> done);

    QWidget* m_window;
    ProjectSession* m_session;
    widgets::views::ModelView* m_view;
    widgets::MessageBar* m_messages;
    std::shared_ptr<const engine::model::Model> m_model;
    std::shared_ptr<const engine::data::Table> m_table;
    std::shared_ptr<const engine::model::PredictionTable> m_predictions;
    bool m_showsTrained = true;
    bool m_busy = false;
};

} // namespace model
} // namespace layerlab::app
