#include "MainWindow.h"

#include "FileActions.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "RecentFiles.h"
#include "SampleProjects.h"
#include "StandardKeys.h"
#include "Text.h"
#include "canvas/CanvasView.h"
#include "canvas/DesignCheck.h"
#include "canvas/GraphModel.h"
#include "experiments/ExperimentsActions.h"
#include "views/ExperimentsView.h"
#include "canvas/LayerPalette.h"
#include "canvas/NetworkScene.h"
#include "document/ProjectDocument.h"
#include "document/RecoveryStore.h"
#include "panels/DataPanel.h"
#include "panels/LayerInspector.h"
#include "panels/SettingsPanel.h"
#include "panels/WelcomeView.h"
#include "charts/LossChart.h"
#include "panels/TrainingBar.h"
#include "style/Theme.h"
#include "model/ModelActions.h"
#include "train/TrainingRows.h"
#include "training/TrainingActions.h"
#include "views/NeuronView.h"
#include "training/TrainingController.h"
#include "views/DecisionMapView.h"
#include "views/JudgeView.h"
#include "views/LayerActivityView.h"
#include "views/SequenceStateView.h"
#include "views/ModelView.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace layerlab::app {

using namespace layerlab::widgets;

MainWindow::MainWindow(QWidget* parent, const QString& recoveryDir)
    : QMainWindow(parent), m_session(new ProjectSession(this)), m_recent(new RecentFiles(this)),
      m_recovery(new document::RecoveryStore(recoveryDir, this)), m_messages(new MessageBar),
      m_files(new FileActions(this, m_session, m_recent, m_messages)), m_pages(new QStackedWidget),
      m_workbench(new QTabWidget), m_welcome(new panels::WelcomeView) {
    auto* doc = m_session->document();
    m_scene = new canvas::NetworkScene(m_session->graph(), doc->undoStack(), this);
    m_canvas = new canvas::CanvasView(m_scene);
    m_neuronView = new views::NeuronView;
    m_palette = new canvas::LayerPalette;
    m_inspector = new panels::LayerInspector(m_session->graph(), doc->undoStack());
    m_settings = new panels::SettingsPanel;
    m_data = new panels::DataPanel;
    m_trainingBar = new panels::TrainingBar(this);
    m_lossChart = new charts::LossChart;
    m_layerView = new views::LayerActivityView;
    m_sequenceView = new views::SequenceStateView;
    m_inside = new QSplitter(Qt::Horizontal);
    m_inside->addWidget(m_layerView);
    m_inside->addWidget(m_sequenceView);
    m_mapView = new views::DecisionMapView;
    m_judgeView = new views::JudgeView;
    m_modelView = new views::ModelView;
    m_experimentsView = new views::ExperimentsView(experiments::ExperimentsActions::parameterNames());
    m_trainingStatus = new QLabel;
    m_trainingStatus->setObjectName(QStringLiteral("trainingStatus"));
    resize(1280, 800);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);
    // The Design tab: the network, and beside it the neuron clicked on it (issue 19, point 8).
    auto* design = new QSplitter(Qt::Horizontal);
    design->setObjectName(QStringLiteral("designSplit"));
    design->addWidget(m_canvas);
    design->addWidget(m_neuronView);
    design->setStretchFactor(0, 4);
    design->setStretchFactor(1, 1);
    design->setSizes({900, 260});
    m_workbench->addTab(design, tr("&Design"));
    m_workbench->addTab(m_data, tr("D&ata"));
    m_workbench->addTab(m_inside, tr("&Inside"));
    m_workbench->addTab(m_mapView, tr("&Map"));
    m_workbench->addTab(m_judgeView, tr("&Judge"));
    m_workbench->addTab(m_modelView, tr("M&odel"));
    m_workbench->addTab(m_experimentsView, tr("E&xperiments"));
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_workbench);
    setCentralWidget(central);
    m_welcome->setRecent(m_recent->paths());
    m_welcome->setSamples(SampleProjects::find());

    buildDocks();
    m_training = new training::TrainingActions(
        m_session, {m_trainingBar, m_lossChart, m_scene, m_layerView, m_sequenceView, m_inside, m_mapView, m_judgeView, m_messages, m_trainingStatus, m_workbench, m_neuronView}, this);
    m_models = new model::ModelActions(this, m_session, m_modelView, m_messages, this);
    m_experiments = new experiments::ExperimentsActions(m_session, m_experimentsView, this);
    buildMenus();
    wire();
    m_recovery->attach(doc);
    refreshTitle();
    statusBar()->showMessage(tr("Ready"));
    // The window's size and the docks' layout as the user left them (saved on close).
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    auto* left = new QWidget;
    auto* l = new QVBoxLayout(left);
    l->addWidget(m_palette);
    l->addWidget(m_inspector, 1);
    auto* layers = new QDockWidget(tr("Layers"), this);
    layers->setObjectName(QStringLiteral("layersDock"));
    layers->setWidget(left);
    addDockWidget(Qt::LeftDockWidgetArea, layers);
    auto* training = new QDockWidget(tr("Training"), this);
    training->setObjectName(QStringLiteral("trainingDock"));
    training->setWidget(m_settings);
    addDockWidget(Qt::RightDockWidgetArea, training);
    auto* loss = new QDockWidget(tr("Loss"), this);
    loss->setObjectName(QStringLiteral("lossDock"));
    loss->setWidget(m_lossChart);
    addDockWidget(Qt::BottomDockWidgetArea, loss);
    resizeDocks({loss}, {230}, Qt::Vertical);
    addToolBar(Qt::TopToolBarArea, m_trainingBar);
    statusBar()->addPermanentWidget(m_trainingStatus);
    m_docks = {layers, training, loss};
    for (auto* dock : m_docks) dock->hide(); // the welcome page comes first
    m_trainingBar->hide();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_files->populate(file);
    m_models->populate(file);
    auto* undo = m_session->document()->undoStack();
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* u = undo->createUndoAction(this, tr("&Undo"));
    u->setShortcut(QKeySequence::Undo);
    QAction* r = undo->createRedoAction(this, tr("&Redo"));
    r->setShortcuts(StandardKeys::redo());
    edit->addAction(u);
    edit->addAction(r);
    edit->addSeparator();
    edit->addAction(tr("Add &Dense Layer"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] { m_scene->addLayer(canvas::NodeKind::Dense); });
    edit->addAction(tr("Add Dro&pout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this, [this] { m_scene->addLayer(canvas::NodeKind::Dropout); });
    edit->addAction(tr("&Remove Layer or Connection"), QKeySequence::Delete, this, [this] { m_scene->removeSelected(); });
    edit->addSeparator();
    edit->addAction(tr("&Wrap in Residual Connection"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), this,
                    [this] { m_scene->wrapSelectionInResidual(); });
    edit->addAction(tr("&Tidy Layout"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L), this, [this] { m_scene->tidy(); });
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { m_canvas->zoomBy(1.25); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { m_canvas->zoomBy(0.8); });
    view->addAction(tr("&Fit Network"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { m_canvas->fitAll(false); });
    view->addSeparator();
    view->addAction(tr("&Design"), QKeySequence(Qt::ALT | Qt::Key_1), this, [this] { showWorkbench(); m_workbench->setCurrentIndex(0); });
    view->addAction(tr("D&ata"), QKeySequence(Qt::ALT | Qt::Key_2), this, [this] { showWorkbench(); m_workbench->setCurrentIndex(1); });
    view->addAction(tr("&Welcome"), QKeySequence(Qt::ALT | Qt::Key_0), this, &MainWindow::showWelcome);
    view->addSeparator();
    QAction* logScale = view->addAction(tr("&Log-Scale Loss"));
    logScale->setCheckable(true);
    connect(logScale, &QAction::toggled, m_lossChart, &charts::LossChart::setLogScale);
    QAction* steps = view->addAction(tr("Loss of Every &Step"));
    steps->setCheckable(true);
    connect(steps, &QAction::toggled, m_lossChart, &charts::LossChart::setShowSteps);
    view->addSeparator();
    QAction* dark = view->addAction(tr("Dar&k Theme"));
    dark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    dark->setCheckable(true);
    dark->setChecked(style::Theme::instance().kind() == style::Theme::Kind::Dark);
    connect(dark, &QAction::toggled, this, [](bool on) { style::Theme::instance().apply(on ? style::Theme::Kind::Dark : style::Theme::Kind::Light); });
    for (QMenu* menu : {edit, view})
        for (QAction* a : menu->actions()) a->setStatusTip(a->text().remove(QLatin1Char('&')));
}

void MainWindow::wire() {
    auto* doc = m_session->document();
    connect(m_session, &ProjectSession::opened, this, [this](const QString& path) {
        m_messages->hide();
        showWorkbench();
        Q_EMIT projectShown(path);
    });
    connect(m_session, &ProjectSession::failed, this, [this](const QString& message) {
        statusBar()->clearMessage();
        m_messages->showMessage(MessageBar::Kind::Error, message);
    });
    // The run owns the status bar while it is active: "Design ready to train" stayed through it.
    connect(m_training->controller(), &training::TrainingController::stateChanged, this, [this] {
        if (m_training->controller()->state() != training::TrainingController::State::Idle) statusBar()->clearMessage();
    });
    connect(m_session, &ProjectSession::dataMissing, this, [this](const QString& message) {
        statusBar()->clearMessage();
        m_messages->showMessage(MessageBar::Kind::Error, message + QLatin1Char('\n') + tr("Has the file moved? Locate it and the project reads it from there."),
                                tr("&Locate…"), [this] { m_files->chooseDataFile(); });
    });
    connect(m_session, &ProjectSession::loadingProgress, this, [this](int percent) {
        m_data->setLoading(percent);
        if (percent >= 0) statusBar()->showMessage(tr("Reading data… %1%").arg(percent));
        else statusBar()->clearMessage();
    });
    connect(m_session, &ProjectSession::analysisChanged, this, &MainWindow::showAnalysis);
    connect(m_session, &ProjectSession::issuesChanged, this, [this] {
        const auto analysis = m_session->analysis();
        m_scene->setOutputUnits(analysis ? canvas::DesignCheck::outputsNeeded(analysis->summary, m_session->document()->state().training.loss) : 0);
        m_scene->setShapes(m_session->graphShapes());
        m_scene->setIssues(m_session->issues());
        const bool errors = canvas::DesignCheck::hasErrors(m_session->issues());
        // Mid-run the status bar belongs to the run: a settings tick re-checks the design, and
        // "ready to train" would be false there.
        if (errors) statusBar()->showMessage(tr("The design has problems: see the canvas"));
        else if (!m_training->controller()->isActive()) statusBar()->showMessage(tr("Design ready to train"));
    });
    connect(doc, &document::ProjectDocument::stateChanged, this, &MainWindow::showState);
    connect(doc, &document::ProjectDocument::replaced, this, [this] {
        m_messages->hide(); // an error about the project or file that was there before
        showWorkbench();
        m_scene->selectLayer(0);
        // The whole network in view (the output box was off-screen), once the tab has its size.
        QTimer::singleShot(0, m_canvas, [this] { m_canvas->fitAll(); });
    });
    connect(doc, &document::ProjectDocument::modifiedChanged, this, &MainWindow::refreshTitle);
    connect(doc, &document::ProjectDocument::pathChanged, this, &MainWindow::refreshTitle);
    connect(m_recovery, &document::RecoveryStore::failed, this, [this](const QString& m) { m_messages->showMessage(MessageBar::Kind::Error, m); });

    connect(m_scene, &canvas::NetworkScene::layerSelected, m_inspector, &panels::LayerInspector::showLayer);
    connect(m_palette, &canvas::LayerPalette::addRequested, this, [this](canvas::NodeKind kind) { m_scene->addLayer(kind); });
    // An edit the graph cannot take (a loop, a layer left reading nothing) says why, and stays undone.
    connect(m_scene, &canvas::NetworkScene::refused, this, [this](const QString& why) { statusBar()->showMessage(why, 8000); });
    connect(m_data, &panels::DataPanel::openRequested, m_files, &FileActions::chooseDataFile);
    connect(m_data, &panels::DataPanel::cancelRequested, m_session, &ProjectSession::cancelLoading);
    connect(m_data, &panels::DataPanel::rowChosen, this, [this](int row) { m_training->chooseSample(std::size_t(row)); });
    connect(m_data, &panels::DataPanel::edited, this, [doc](const engine::data::DataSpec& spec, const QString& field) {
        auto state = doc->state();
        state.data = spec;
        doc->edit(state, field);
    });
    connect(m_settings, &panels::SettingsPanel::edited, this, [doc](const panels::RunSettings& s, const QString& field) {
        auto state = doc->state();
        state.training = s.training;
        state.data.validation = s.validation;
        state.data.test = s.test;
        state.data.split = s.split;
        doc->edit(state, field);
    });
    connect(m_welcome, &panels::WelcomeView::newFromCsvRequested, m_files, &FileActions::newFromCsv);
    connect(m_welcome, &panels::WelcomeView::openDialogRequested, m_files, &FileActions::chooseProject);
    connect(m_welcome, &panels::WelcomeView::openRequested, m_files, &FileActions::open);
    connect(m_recent, &RecentFiles::changed, this, [this] { m_welcome->setRecent(m_recent->paths()); });
}

void MainWindow::openProject(const QString& path) {
    statusBar()->showMessage(tr("Loading %1…").arg(path));
    // `layerlab shots.csv` starts a project on the data, as File › New Project from CSV does: a
    // CSV opened as a project failed with "unexpected character" at 1:1 (tour finding).
    if (!path.endsWith(QStringLiteral(".layerlab"), Qt::CaseInsensitive) && !path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        m_session->newFromCsv(path);
    else
        m_session->open(path);
}

void MainWindow::showWorkbench() {
    m_pages->setCurrentWidget(m_workbench);
    for (auto* dock : m_docks) dock->show();
    m_trainingBar->show();
}

void MainWindow::showWelcome() {
    m_pages->setCurrentWidget(m_welcome);
    for (auto* dock : m_docks) dock->hide();
    m_trainingBar->hide();
}

void MainWindow::refreshTitle() {
    auto* doc = m_session->document();
    const QString name = doc->state().name.empty() ? doc->displayName() : QString::fromStdString(doc->state().name);
    setWindowTitle(tr("%1 (%2)[*] — LayerLab").arg(name, doc->displayName()));
    setWindowModified(doc->isModified());
}

void MainWindow::showState() {
    const auto& state = m_session->document()->state();
    m_data->setSpec(state.data);
    m_settings->setSettings({state.training, state.data.validation, state.data.test, state.data.split});
    refreshLossHint();
    refreshTitle();
}

void MainWindow::showAnalysis() {
    const auto analysis = m_session->analysis();
    if (!analysis) {
        m_scene->setData({});
        m_data->setAnalysis(nullptr, {}, {}, tr("Reading the data…"));
        return;
    }
    const auto& s = analysis->summary;
    m_scene->setData(s);
    m_inspector->setInputColumns(s.inputs);
    QString line = tr("%1 rows · %2 inputs (%3 after encoding) · target %4").arg(s.rows).arg(s.inputs.size()).arg(s.inputWidth).arg(s.target);
    if (!s.error.isEmpty()) line = s.error;
    m_data->setAnalysis(analysis->table, analysis->columns, analysis->derivedError, line);
    refreshLossHint();
}

void MainWindow::refreshLossHint() {
    // Only a loss that does not fit the target gets a suggestion: "Suggested: ce" under O4's bce
    // (which fits a made/missed target as well) read as a mistake (tour finding).
    const auto analysis = m_session->analysis();
    const auto loss = m_session->document()->state().training.loss;
    if (!analysis || analysis->summary.target.isEmpty() || engine::train::lossFits(analysis->summary.targetType, loss)) {
        m_settings->setLossHint(QString());
        return;
    }
    const auto& s = analysis->summary;
    m_settings->setLossHint(tr("Suggested for \"%1\": %2").arg(s.target, widgets::text(engine::train::lossName(canvas::DesignCheck::suggestedLoss(s)))));
}

void MainWindow::offerRecovery() {
    for (const auto& entry : m_recovery->orphans()) {
        const QString what = entry.original.isEmpty() ? tr("an untitled project") : entry.original;
        // Named buttons, not Yes/No/Discard: "No" and "Discard" read alike, and only one of them
        // deletes the autosave (tour finding).
        QMessageBox box(QMessageBox::Question, tr("Recover unsaved work"),
                        tr("LayerLab closed unexpectedly with unsaved changes to %1 (autosaved %2).")
                            .arg(what, entry.saved.toString(Qt::TextDate)),
                        QMessageBox::NoButton, this);
        box.setInformativeText(tr("Restore opens them as unsaved work. Not now keeps them for the next start; "
                                  "Delete throws them away."));
        auto* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
        box.addButton(tr("Not now"), QMessageBox::RejectRole);
        auto* drop = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.setDefaultButton(restore);
        box.exec();
        if (box.clickedButton() == restore) {
            try {
                m_session->restore(document::RecoveryStore::restore(entry));
                document::RecoveryStore::remove(entry);
            } catch (const std::exception& e) {
                m_messages->showMessage(MessageBar::Kind::Error, QString::fromUtf8(e.what()));
            }
            return; // one project per window
        }
        if (box.clickedButton() == drop) document::RecoveryStore::remove(entry);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_files->maybeSave()) {
        m_training->controller()->shutdown(); // stop and join the run before the window goes
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
        event->accept();
    } else {
        event->ignore();
    }
}

} // namespace layerlab::app
