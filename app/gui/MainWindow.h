// The workbench window. It only composes: it creates the views, docks and menus and wires their
// signals to the ProjectSession; each feature lives in its own class (FileActions, DataPanel,
// NetworkScene, LayerInspector, SettingsPanel, WelcomeView, RecoveryStore).
#pragma once

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace layerlab::widgets {
class MessageBar;
namespace charts {
class LossChart;
}
namespace views {
class DecisionMapView;
class JudgeView;
class NeuronView;
class LayerActivityView;
class SequenceStateView;
class ModelView;
class ExperimentsView;
} // namespace views
namespace canvas {
class CanvasView;
class LayerPalette;
class NetworkScene;
} // namespace canvas
namespace panels {
class DataPanel;
class LayerInspector;
class SettingsPanel;
class TrainingBar;
class WelcomeView;
} // namespace panels
} // namespace layerlab::widgets

namespace layerlab::app {

class FileActions;
class ProjectSession;
class RecentFiles;
namespace document {
class RecoveryStore;
}
namespace training {
class TrainingActions;
}
namespace experiments {
class ExperimentsActions;
}
namespace model {
class ModelActions;
}

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `recoveryDir` empty = the default place (tests pass their own).
    explicit MainWindow(QWidget* parent = nullptr, const QString& recoveryDir = {});
    ~MainWindow() override;
    /// Starts loading a project in the background; the window stays responsive meanwhile. A
    /// path that is not a .layerlab (or .json) project is read as data: a new project on it.
    void openProject(const QString& path);
    /// Offers projects left by a crashed session (a question per file); call once after show().
    void offerRecovery();

    ProjectSession* session() const { return m_session; }
    FileActions* fileActions() const { return m_files; }
    document::RecoveryStore* recovery() const { return m_recovery; }
    training::TrainingActions* training() const { return m_training; }
    model::ModelActions* models() const { return m_models; }
    experiments::ExperimentsActions* experiments() const { return m_experiments; }
    QTabWidget* tabs() const { return m_workbench; }

Q_SIGNALS:
    void projectShown(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildDocks();
    void buildMenus();
    void wire();
    void showWorkbench();
    void showWelcome();
    void refreshTitle();
    void showState();
    void showAnalysis();
    void refreshLossHint();

    ProjectSession* m_session;
    RecentFiles* m_recent;
    document::RecoveryStore* m_recovery;
    widgets::MessageBar* m_messages;
    FileActions* m_files;
    QStackedWidget* m_pages;
    QTabWidget* m_workbench;
    QList<QDockWidget*> m_docks; ///< shown with the workbench, hidden on the welcome page
    widgets::panels::WelcomeView* m_welcome;
    widgets::canvas::NetworkScene* m_scene;
    widgets::canvas::CanvasView* m_canvas;
    widgets::canvas::LayerPalette* m_palette;
    widgets::panels::LayerInspector* m_inspector;
    widgets::panels::SettingsPanel* m_settings;
    widgets::panels::DataPanel* m_data;
    widgets::panels::TrainingBar* m_trainingBar;
    widgets::charts::LossChart* m_lossChart;
    widgets::views::LayerActivityView* m_layerView;
    widgets::views::SequenceStateView* m_sequenceView;
    QSplitter* m_inside; // the Inside tab: a layer over a batch | a recurrent layer step by step
    widgets::views::DecisionMapView* m_mapView;
    widgets::views::JudgeView* m_judgeView;
    widgets::views::NeuronView* m_neuronView;
    widgets::views::ModelView* m_modelView;
    widgets::views::ExperimentsView* m_experimentsView;
    QLabel* m_trainingStatus;
    training::TrainingActions* m_training;
    model::ModelActions* m_models;
    experiments::ExperimentsActions* m_experiments;
};

} // namespace layerlab::app
