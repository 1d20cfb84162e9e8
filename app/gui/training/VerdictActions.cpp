#include "VerdictActions.h"

#include "LiveInspector.h"
#include "ProjectScope.h"
#include "TrainingController.h"
#include "train/Experiment.h"
#include "train/RunDiagnosis.h"
#include "views/JudgeView.h"

namespace layerlab::app::training {

using namespace layerlab::engine;

VerdictActions::VerdictActions(TrainingController* controller, LiveInspector* inspector, ProjectScope* scope,
                               widgets::views::JudgeView* judge, QObject* parent)
    : QObject(parent), m_controller(controller), m_inspector(inspector), m_judge(judge) {
    connect(m_inspector, &LiveInspector::verdictReady, this, &VerdictActions::showVerdict);
    connect(m_judge, &widgets::views::JudgeView::rowsChosen, m_inspector, &LiveInspector::setJudgeTest);
    connect(m_judge, &widgets::views::JudgeView::rowActivated, this, &VerdictActions::rowChosen);
    connect(scope, &ProjectScope::projectChanged, this, &VerdictActions::clear);
}

void VerdictActions::clear() { m_judge->clear(); }

void VerdictActions::showVerdict() {
    const auto v = m_inspector->verdict();
    const auto e = m_controller->experiment();
    if (!v || !e) {
        m_judge->clear();
        return;
    }
    const auto& table = e->table();
    const auto target = table.columnIndex(v->target.toStdString());
    std::vector<widgets::views::WorstRow> worst;
    auto j = v->judgement;
    j.overfitting = train::overfitting(m_controller->history().epochs);
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
    m_judge->setVerdict(j, v->classes, rows, std::move(worst));
}

} // namespace layerlab::app::training
