#include "TrainingActions.h"

#include "CanvasActivity.h"
#include "LiveInspector.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "Text.h"
#include "TrainingController.h"
#include "canvas/DesignCheck.h"
#include "canvas/GraphModel.h"
#include "canvas/NetworkScene.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "panels/TrainingBar.h"
#include "train/Evaluation.h"
#include "views/DecisionMapView.h"
#include "views/JudgeView.h"
#include "views/LayerActivityView.h"
#include "views/SequenceStateView.h"

#include <QLabel>
#include <QLocale>
#include <QTabWidget>

#include <algorithm>
#include <cmath>

namespace layerlab::app::training {

using namespace layerlab::engine;
using State = TrainingController::State;
using widgets::panels::TrainingBar;

namespace {

TrainingBar::Mode mode(State s) {
    switch (s) {
    case State::Idle: return TrainingBar::Mode::Idle;
    case State::Preparing: return TrainingBar::Mode::Preparing;
    case State::Running: return TrainingBar::Mode::Running;
    case State::Paused: return TrainingBar::Mode::Paused;
    case State::Stopped: return TrainingBar::Mode::Stopped;
    case State::Finished:
    case State::Failed: return TrainingBar::Mode::Finished;
    }
    return TrainingBar::Mode::Idle;
}

QString clock(double seconds) {
    const auto s = qint64(seconds);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString layerName(const nn::LayerSpec& l, int index) {
    QString name = widgets::text(nn::layerTypeName(l.type));
    if (l.type == nn::LayerType::Dense) name += QStringLiteral(" %1").arg(l.units);
    if (l.type == nn::LayerType::Activation) name += QStringLiteral(" ") + widgets::text(nn::activationName(l.activation));
    if (l.type == nn::LayerType::Recurrent)
        name = widgets::text(nn::cellName(l.cell)).toUpper() + QStringLiteral(" %1").arg(l.units) +
               (l.bidirectional ? QObject::tr(" both ways") : QString());
    return QObject::tr("%1. %2").arg(index + 1).arg(name);
}

// A window forecast of a class that is also an input: the share of validation rows whose next
// value equals the current one, the baseline a forecast must beat (O5). NaN when it does not apply.
double sameAsLastRow(const train::Experiment& e) {
    const auto& pre = e.preprocessing();
    const auto inputs = pre.inputs();
    const auto rows = e.split().validation;
    if (pre.sequence() != engine::data::SequenceKind::Window || !isClassification(e.config().settings.loss) || rows.empty() ||
        std::find(inputs.begin(), inputs.end(), pre.target()) == inputs.end())
        return std::nan("");
    const auto col = e.table().columnIndex(pre.target());
    if (!col) return std::nan("");
    double same = 0;
    for (const std::size_t t : rows) same += e.table().text(*col, t) == e.table().text(*col, pre.targetRow(t));
    return same / double(rows.size());
}

} // namespace

TrainingActions::TrainingActions(ProjectSession* session, Views views, QObject* parent)
    : QObject(parent), m_session(session), m_v(views), m_controller(new TrainingController(this)),
      m_inspector(new LiveInspector(m_controller, this)) {
    m_v.chart->setHistory(&m_controller->history());
    wire();
    refreshGate();
    stateChanged();
}

void TrainingActions::wire() {
    auto* doc = m_session->document();
    connect(m_v.bar, &TrainingBar::trainRequested, this, &TrainingActions::train);
    connect(m_v.bar, &TrainingBar::pauseRequested, this, [this](bool on) { on ? m_controller->pause() : m_controller->resume(); });
    connect(m_v.bar, &TrainingBar::stepRequested, m_controller, &TrainingController::step);
    connect(m_v.bar, &TrainingBar::stopRequested, m_controller, &TrainingController::stop);
    connect(m_v.bar, &TrainingBar::resetRequested, m_controller, &TrainingController::reset);
    connect(m_v.bar, &TrainingBar::sampleChosen, this, [this](int row) { m_inspector->setSampleRow(std::size_t(row)); });
    connect(m_v.bar, &TrainingBar::randomSampleRequested, m_inspector, &LiveInspector::pickRandomSample);
    connect(m_controller, &TrainingController::stateChanged, this, &TrainingActions::stateChanged);
    connect(m_controller, &TrainingController::progressed, this, &TrainingActions::progressed);
    connect(m_inspector, &LiveInspector::activityReady, this, &TrainingActions::showActivity);
    connect(m_inspector, &LiveInspector::mapReady, this, &TrainingActions::showMap);
    connect(m_inspector, &LiveInspector::verdictReady, this, &TrainingActions::showVerdict);
    connect(m_inspector, &LiveInspector::failed, this, [this](const QString& m) { m_v.messages->showMessage(widgets::MessageBar::Kind::Error, m); });
    connect(m_session, &ProjectSession::issuesChanged, this, &TrainingActions::refreshGate);
    connect(m_session, &ProjectSession::analysisChanged, this, &TrainingActions::refreshGate);
    connect(doc, &document::ProjectDocument::replaced, this, [this] {
        m_controller->reset();
        const auto& run = m_session->document()->run();
        m_v.chart->setHistory(run ? &run->history : &m_controller->history());
    });
    // Settings edited mid-run reach the trainer before its next batch (and get a chart marker).
    connect(doc, &document::ProjectDocument::stateChanged, this, [this] {
        if (!m_controller->isActive()) return;
        QString error;
        if (!m_controller->updateSettings(m_session->document()->state().training, &error))
            m_v.messages->showMessage(widgets::MessageBar::Kind::Error, error);
    });
    connect(m_v.map, &widgets::views::DecisionMapView::axesChosen, this, &TrainingActions::chooseAxes);
    connect(m_v.judge, &widgets::views::JudgeView::rowsChosen, m_inspector, &LiveInspector::setJudgeTest);
    connect(m_v.judge, &widgets::views::JudgeView::rowActivated, this, [this](std::size_t row) {
        chooseSample(row);
        m_v.tabs->setCurrentIndex(0); // show it on the canvas
    });
    connect(m_v.scene, &widgets::canvas::NetworkScene::layerSelected, this, [this](int id) {
        for (const auto& l : CanvasActivity::layout(m_nodes, leadingLayers()))
            if (l.id == id) m_v.layers->showLayer(l.output);
    });
    connect(m_v.tabs, &QTabWidget::currentChanged, this, &TrainingActions::updateWanted);
}

int TrainingActions::leadingLayers() const {
    const auto e = m_controller->experiment();
    return e && e->networkSpec().layers.front().type == nn::LayerType::Embedding ? 1 : 0; // a bound spec has layers
}

void TrainingActions::chooseSample(std::size_t row) {
    m_v.bar->setSample(int(row));
    m_inspector->setSampleRow(row);
}

void TrainingActions::refreshGate() {
    QString reason;
    if (const auto table = m_session->table(); table && !m_controller->experiment()) m_v.bar->setSampleRange(int(table->rowCount()));
    if (!m_session->table()) reason = tr("Load the data first");
    else if (widgets::canvas::DesignCheck::hasErrors(m_session->issues())) reason = tr("The design has problems: see the canvas");
    m_v.bar->setBlocked(reason);
}

bool TrainingActions::train() {
    refreshGate();
    if (widgets::canvas::DesignCheck::hasErrors(m_session->issues())) {
        m_v.messages->showMessage(widgets::MessageBar::Kind::Error, tr("The design has problems (marked on the canvas): fix them before training."));
        return false;
    }
    const bool continuing = m_controller->state() == State::Stopped;
    QString error;
    if (!m_controller->train(m_session->document()->snapshot(), m_session->table(), &error)) {
        m_v.messages->showMessage(widgets::MessageBar::Kind::Error, error.isEmpty() ? tr("Training could not start.") : error);
        return false;
    }
    if (!continuing || m_controller->state() == State::Preparing) {
        m_nodes = m_session->document()->graph()->nodes();
        m_experimentShown = false;
        m_inspector->clear();
        m_v.chart->setHistory(&m_controller->history());
    }
    m_v.messages->hide();
    return true;
}

void TrainingActions::stateChanged() {
    const State s = m_controller->state();
    m_v.bar->setMode(mode(s));
    if (s == State::Idle) {
        m_nodes.clear();
        m_experimentShown = false;
        m_v.scene->setActivity({});
        m_v.layers->setLayers({});
        m_v.judge->clear();
        m_v.chart->refresh();
    }
    if (s == State::Failed) m_v.messages->showMessage(widgets::MessageBar::Kind::Error, m_controller->outcome());
    if (s == State::Finished || s == State::Stopped) keepRun();
    updateWanted();
    progressed();
}

void TrainingActions::updateWanted() {
    const bool active = m_controller->state() != State::Idle;
    QWidget* tab = m_v.tabs->currentWidget();
    const bool design = m_v.tabs->currentIndex() == 0;
    m_inspector->setWanted(LiveInspector::Job::Activity, active && (design || tab == m_v.inside));
    m_inspector->setWanted(LiveInspector::Job::Map, active && (tab == m_v.map || (design && m_v.map->neuronMaps())));
    m_inspector->setWanted(LiveInspector::Job::Verdict, active && tab == m_v.judge);
}

void TrainingActions::progressed() {
    if (!m_experimentShown && m_controller->experiment()) experimentReady();
    m_v.chart->refresh();
    const State s = m_controller->state();
    QString text;
    if (s == State::Preparing) text = tr("Preparing the data…");
    else if (s != State::Idle)
        text = tr("epoch %1 · step %2 · %3 samples/s · %4")
                   .arg(m_controller->epoch(), 0, 'f', 1)
                   .arg(m_controller->stepsDone())
                   .arg(QLocale().toString(qint64(std::lround(m_controller->samplesPerSecond()))))
                   .arg(clock(m_controller->elapsedSeconds()));
    if (s == State::Paused) text += tr(" · paused");
    if ((s == State::Finished || s == State::Stopped || s == State::Failed) && !m_controller->outcome().isEmpty())
        text += QStringLiteral(" · ") + m_controller->outcome();
    // While running, a new status text four times a second is plenty (each one relays out the bar).
    if (s == State::Running && m_statusClock.isValid() && m_statusClock.elapsed() < 250) return;
    m_statusClock.start();
    m_v.status->setText(text);
}

void TrainingActions::experimentReady() {
    m_experimentShown = true;
    const auto e = m_controller->experiment();
    const auto& table = e->table();
    m_v.bar->setSampleRange(int(table.rowCount()));
    const auto& validation = e->split().validation;
    if (!validation.empty() && m_inspector->sampleRow() == 0) {
        m_v.bar->setSample(int(validation.front()));
        m_inspector->setSampleRow(validation.front());
    }
    // The metric's baseline on the validation rows: majority share, or the spread around the mean.
    const auto& y = e->validationSet().targets;
    double baseline = std::nan("");
    const auto loss = e->config().settings.loss;
    if (y.rows() > 0 && isClassification(loss)) {
        std::vector<int> counts(std::max<std::size_t>(2, e->preprocessing().classes().size()), 0);
        for (Eigen::Index r = 0; r < y.rows(); ++r) ++counts[std::size_t(std::clamp(int(y(r, 0)), 0, int(counts.size()) - 1))];
        baseline = double(*std::max_element(counts.begin(), counts.end())) / double(y.rows());
    } else if (y.rows() > 0) {
        const double mean = y.col(0).cast<double>().mean();
        baseline = std::sqrt((y.col(0).cast<double>().array() - mean).square().mean());
    }
    m_v.chart->setMetric(widgets::text(train::metricName(loss)), baseline);
    m_v.chart->setSecondBaseline(tr("accuracy of \"same as the last row\""), sameAsLastRow(*e));
    // Map axes: numeric columns; the first two numeric inputs by default.
    QStringList numeric;
    for (std::size_t c = 0; c < table.columnCount(); ++c)
        if (table.column(c).isNumeric() && table.column(c).size() > 0) numeric << QString::fromStdString(table.column(c).name);
    QStringList inputs;
    for (const auto& name : e->preprocessing().inputs())
        if (numeric.contains(QString::fromStdString(name))) inputs << QString::fromStdString(name);
    for (const auto& n : numeric)
        if (!inputs.contains(n)) inputs << n;
    // A sequence model reads many rows (or characters) per prediction: no two-axis map of one row.
    if (inputs.size() >= 2 && e->preprocessing().steps() == 1) {
        m_v.map->setColumns(numeric, inputs[0], inputs[1], int(table.rowCount()));
        chooseAxes();
    }
}

void TrainingActions::chooseAxes() {
    const auto e = m_controller->experiment();
    if (!e || m_v.map->xColumn().isEmpty() || m_v.map->yColumn().isEmpty()) return;
    model::MapAxes axes;
    axes.x = m_v.map->xColumn().toStdString();
    axes.y = m_v.map->yColumn().toStdString();
    const auto& rows = e->split().train;
    try {
        std::tie(axes.xMin, axes.xMax) = model::DecisionMap::range(e->table(), axes.x, rows);
        std::tie(axes.yMin, axes.yMax) = model::DecisionMap::range(e->table(), axes.y, rows);
    } catch (const std::exception& ex) {
        m_v.messages->showMessage(widgets::MessageBar::Kind::Error, QString::fromUtf8(ex.what()));
        return;
    }
    // Finer grids for cheaper networks: a grid costs cells × parameters.
    const double params = std::max(1.0, double(m_controller->parameters() ? m_controller->parameters()->values.size() : 1000));
    axes.resolution = std::clamp(int(std::sqrt(2e8 / params)), 16, 64);
    axes.referenceRow = std::size_t(std::max(0, m_v.map->referenceRow()));
    m_inspector->setMapAxes(axes, m_v.map->neuronMaps());
    updateWanted();
}

void TrainingActions::showActivity() {
    const auto a = m_inspector->activity();
    m_v.scene->setActivity(CanvasActivity::build(m_nodes, leadingLayers(), a.get(), m_inspector->map().get()));
    const auto e = m_controller->experiment();
    if (!a || !e) return;
    std::vector<widgets::views::LayerBatch> layers;
    const auto& spec = e->networkSpec();
    for (std::size_t i = 0; i < a->batch.size() && i < spec.layers.size(); ++i) {
        const auto& l = spec.layers[i];
        const bool relu = l.type == nn::LayerType::Activation && l.activation == nn::Activation::Relu;
        layers.push_back({layerName(l, int(i)), a->batch[i], relu});
    }
    m_v.layers->setLayers(std::move(layers));
    showSequence(*a, *e);
}

void TrainingActions::showSequence(const Activity& a, const train::Experiment& e) {
    if (a.trace.layer < 0) {
        m_v.sequence->clear();
        return;
    }
    widgets::views::SequenceState s;
    const auto& spec = e.networkSpec();
    const auto& pre = e.preprocessing();
    s.title = tr("%1 on line %2: the state after each step (blue −1 … red +1)")
                  .arg(layerName(spec.layers[std::size_t(a.trace.layer)], a.trace.layer))
                  .arg(e.table().rowLine(a.sampleRow));
    s.states = a.trace.states;
    s.parametersStep = a.parameters ? a.parameters->step : -1;
    s.units = a.trace.units;
    for (const auto& label : a.stepLabels) s.steps << QString::fromStdString(label);
    s.padding = a.trace.padding;
    if (a.trace.outputs.size() > 0) {
        // Logits → what the user reads: probabilities per class (BCE: of the positive class).
        const Matrix& z = a.trace.outputs;
        const auto loss = e.config().settings.loss;
        if (loss == train::LossKind::BinaryCrossEntropy) {
            s.outputs = (1.0f / (1.0f + (-z.array()).exp())).matrix();
            s.outputNames << QString::fromStdString(pre.classes().back());
        } else if (loss == train::LossKind::SoftmaxCrossEntropy) {
            s.outputs = z;
            for (Eigen::Index r = 0; r < z.rows(); ++r) {
                const auto e1 = (z.row(r).array() - z.row(r).maxCoeff()).exp();
                s.outputs.row(r) = (e1 / e1.sum()).matrix();
            }
            for (const auto& c : pre.classes()) s.outputNames << QString::fromStdString(c);
        }
    }
    m_v.sequence->setState(std::move(s));
}

void TrainingActions::showMap() {
    const auto m = m_inspector->map();
    if (!m) return;
    m_v.map->setImage(m->image, m->axes.xMin, m->axes.xMax, m->axes.yMin, m->axes.yMax, m->legend);
    m_v.scene->setActivity(CanvasActivity::build(m_nodes, leadingLayers(), m_inspector->activity().get(), m.get()));
}

void TrainingActions::showVerdict() {
    const auto v = m_inspector->verdict();
    const auto e = m_controller->experiment();
    if (!v || !e) {
        m_v.judge->clear();
        return;
    }
    const auto& table = e->table();
    const auto target = table.columnIndex(v->target.toStdString());
    std::vector<widgets::views::WorstRow> worst;
    const auto& j = v->judgement;
    for (std::size_t i = 0; i < j.worst.size(); ++i) {
        const std::size_t row = v->tableRows[j.worst[i]];
        const std::size_t judged = e->preprocessing().targetRow(row); // a window: the row it forecast
        widgets::views::WorstRow w{row, table.rowLine(judged), target ? QString::fromStdString(table.text(*target, judged)) : QString(), {}, j.worstLoss[i]};
        if (j.metrics.classification) w.predicted = j.worstPredicted[i] < v->classes.size() ? v->classes[j.worstPredicted[i]] : QString::number(j.worstPredicted[i]);
        else w.predicted = QString::number(j.predicted[j.worst[i]], 'g', 4);
        worst.push_back(w);
    }
    const QString weights = v->bestEpoch > 0 ? tr("the best weights (epoch %1, kept at the end)").arg(v->bestEpoch)
                                             : tr("the weights of step %1").arg(v->step);
    const QString rows = tr("On %1 %2 rows, %3").arg(j.metrics.rows).arg(v->onTest ? tr("test") : tr("validation"), weights);
    m_v.judge->setVerdict(j, v->classes, rows, std::move(worst));
}

void TrainingActions::keepRun() {
    if (m_controller->history().epochs.empty()) return;
    auto model = m_controller->model();
    if (!model) return;
    train::RunRecord record{std::move(*model), m_controller->history(), m_controller->outcome().toStdString()};
    record.history.stepLoss.clear(); // per-step losses are not kept in files
    record.history.stepEpoch.clear();
    m_session->document()->setRun(std::move(record));
}

} // namespace layerlab::app::training
