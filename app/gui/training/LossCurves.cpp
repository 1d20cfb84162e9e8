#include "LossCurves.h"

#include "ProjectScope.h"
#include "ProjectSession.h"
#include "Text.h"
#include "TrainingController.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "train/Evaluation.h"
#include "train/Experiment.h"
#include "train/RunDiagnosis.h"

#include <algorithm>
#include <cmath>

namespace layerlab::app::training {

using namespace layerlab::engine;

namespace {

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

LossCurves::LossCurves(ProjectSession* session, TrainingController* controller, ProjectScope* scope,
                       widgets::charts::LossChart* chart, QObject* parent)
    : QObject(parent), m_session(session), m_controller(controller), m_chart(chart) {
    connect(scope, &ProjectScope::projectChanged, this, &LossCurves::runCleared);
    showKeptRun();
}

void LossCurves::showKeptRun() {
    const auto& run = m_session->document()->run();
    m_chart->setHistory(run ? &run->history : &m_controller->history());
    if (run) m_chart->setWarning(QString::fromStdString(train::overfitting(run->history.epochs)));
}

void LossCurves::runStarted(std::vector<train::EpochReport> previous) {
    m_chart->clearRun();
    m_chart->setHistory(&m_controller->history());
    m_chart->setPrevious(std::move(previous));
}

void LossCurves::runCleared() {
    m_chart->clearRun();
    showKeptRun();
}

void LossCurves::experimentReady() {
    const auto e = m_controller->experiment();
    if (!e) return;
    const auto loss = e->config().settings.loss;
    const auto& y = e->validationSet().targets;
    const int classes = e->preprocessing().targetKind() == engine::data::TargetKind::Regression ? 0 : int(e->preprocessing().classes().size());
    m_chart->setMetric(widgets::text(train::metricName(loss)),
                       train::learnedNothingHeadline(loss, ConstMatrixMap(y.data(), y.rows(), y.cols()), classes));
    m_chart->setSecondBaseline(tr("accuracy of \"same as the last row\""), sameAsLastRow(*e));
}

void LossCurves::progressed() {
    m_chart->refresh();
    // The same diagnosis the Judge and the CLI print, as the curves come in.
    m_chart->setWarning(QString::fromStdString(train::overfitting(m_controller->history().epochs)));
}

} // namespace layerlab::app::training
