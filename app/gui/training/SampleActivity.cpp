#include "SampleActivity.h"

#include "CanvasActivity.h"
#include "LiveInspector.h"
#include "ProjectScope.h"
#include "Text.h"
#include "TrainingController.h"
#include "canvas/LayerItem.h"
#include "canvas/NetworkScene.h"
#include "panels/TrainingBar.h"
#include "train/Experiment.h"
#include "train/Loss.h"
#include "views/LayerActivityView.h"
#include "views/SequenceStateView.h"

namespace layerlab::app::training {

using namespace layerlab::engine;

namespace {

QString layerName(const nn::LayerSpec& l, int index) {
    QString name = widgets::text(nn::layerTypeName(l.type));
    if (l.type == nn::LayerType::Dense) name += QStringLiteral(" %1").arg(l.units);
    if (l.type == nn::LayerType::Activation) name += QStringLiteral(" ") + widgets::text(nn::activationName(l.activation));
    if (l.type == nn::LayerType::Recurrent)
        name = widgets::text(nn::cellName(l.cell)).toUpper() + QStringLiteral(" %1").arg(l.units) +
               (l.bidirectional ? QObject::tr(" both ways") : QString());
    return QObject::tr("%1. %2").arg(index + 1).arg(name);
}

} // namespace

SampleActivity::SampleActivity(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope, Views views,
                               QObject* parent)
    : QObject(parent), m_controller(controller), m_inspector(inspector), m_v(views) {
    connect(m_v.bar, &widgets::panels::TrainingBar::sampleChosen, this, [this](int row) { m_inspector->setSampleRow(std::size_t(row)); });
    connect(m_v.bar, &widgets::panels::TrainingBar::randomSampleRequested, m_inspector, &LiveInspector::pickRandomSample);
    connect(m_inspector, &LiveInspector::activityReady, this, &SampleActivity::showActivity);
    connect(m_inspector, &LiveInspector::mapReady, this, &SampleActivity::showCanvas); // the neuron thumbnails
    // Inside follows the canvas selection, also when the layer was selected before the run's
    // first activations arrived (it showed the first layer whatever was selected).
    connect(m_v.scene, &widgets::canvas::NetworkScene::layerSelected, this, [this](int id) {
        if (id != 0) m_selectedId = id;
        showSelectedLayer();
    });
    connect(scope, &ProjectScope::projectChanged, this, &SampleActivity::projectChanged);
}

int SampleActivity::leadingLayers() const {
    const auto e = m_controller->experiment();
    return e && e->networkSpec().layers.front().type == nn::LayerType::Embedding ? 1 : 0; // a bound spec has layers
}

void SampleActivity::runStarted(std::vector<widgets::canvas::LayerNode> nodes) { m_nodes = std::move(nodes); }

void SampleActivity::projectChanged() {
    clear();
    m_selectedId = 0;
    // The sample row was the last project's: start at the top of the new one.
    m_v.bar->setSampleRange(0);
    m_v.bar->setSample(0);
}

void SampleActivity::clear() {
    m_nodes.clear();
    m_insideIds.clear();
    m_v.scene->setActivity({});
    m_v.layers->setLayers({});
    m_v.sequence->clear();
}

void SampleActivity::setRowCount(int rows) { m_v.bar->setSampleRange(rows); }

void SampleActivity::chooseSample(std::size_t row) {
    m_v.bar->setSample(int(row));
    m_inspector->setSampleRow(row);
}

void SampleActivity::experimentReady() {
    const auto e = m_controller->experiment();
    if (!e) return;
    m_v.bar->setSampleRange(int(e->table().rowCount()));
    const auto& validation = e->split().validation;
    if (!validation.empty() && m_inspector->sampleRow() == 0) chooseSample(validation.front());
}

std::vector<CanvasActivity::NodeLayers> SampleActivity::drawnLayers() const {
    return CanvasActivity::layout(m_nodes, leadingLayers());
}

void SampleActivity::showCanvas() {
    m_v.scene->setActivity(CanvasActivity::build(drawnLayers(), m_inspector->activity().get(), m_inspector->map().get()));
}

void SampleActivity::showActivity() {
    showCanvas();
    const auto a = m_inspector->activity();
    const auto e = m_controller->experiment();
    if (!a || !e) return;
    // The canvas's layers, each showing what its box shows: a Dense box its output after its own
    // activation (the spec's internal Dense / Activation / Dropout split is not the user's).
    m_insideIds.clear();
    std::vector<widgets::views::LayerBatch> layers;
    const auto layout = drawnLayers();
    const auto& spec = e->networkSpec();
    for (std::size_t i = 0; i < layout.size(); ++i) {
        const auto& l = layout[i];
        if (l.output < 0 || std::size_t(l.output) >= a->batch.size() || std::size_t(l.output) >= spec.layers.size()) continue;
        // A box shows its output after its own activation: a ReLU there means "dead" is possible.
        const auto& shown = spec.layers[std::size_t(l.output)];
        const bool relu = shown.type == nn::LayerType::Activation && shown.activation == nn::Activation::Relu;
        QString name = QString::number(i + 1);
        if (const auto* item = m_v.scene->itemFor(l.id))
            name = tr("%1. %2 · %3").arg(i + 1).arg(item->look().title, item->look().detail);
        layers.push_back({name, a->batch[std::size_t(l.output)], relu});
        m_insideIds.push_back(l.id);
    }
    m_v.layers->setLayers(std::move(layers));
    showSelectedLayer();
    showSequence(*a, *e);
}

void SampleActivity::showSelectedLayer() {
    for (std::size_t i = 0; i < m_insideIds.size(); ++i)
        if (m_insideIds[i] == m_selectedId) m_v.layers->showLayer(int(i));
}

void SampleActivity::showSequence(const Activity& a, const train::Experiment& e) {
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
        // Logits → what the user reads: the engine's probabilities per class.
        const Matrix& z = a.trace.outputs;
        const auto loss = e.config().settings.loss;
        if (loss == train::LossKind::BinaryCrossEntropy || loss == train::LossKind::SoftmaxCrossEntropy) {
            const Matrix p = train::probabilities(loss, ConstMatrixMap(z.data(), z.rows(), z.cols()));
            if (loss == train::LossKind::BinaryCrossEntropy) { // two classes: the positive one says it all
                s.outputs = p.col(1);
                s.outputNames << QString::fromStdString(pre.classes().back());
            } else {
                s.outputs = p;
                for (const auto& c : pre.classes()) s.outputNames << QString::fromStdString(c);
            }
        }
    }
    m_v.sequence->setState(std::move(s));
}

} // namespace layerlab::app::training
