#include "DesignCheck.h"

#include "Text.h"
#include "train/DesignCheck.h"
#include "train/TrainingRows.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;
using Severity = DesignIssue::Severity;

namespace {
train::DataFacts facts(const DataSummary& data) {
    train::DataFacts f;
    f.loaded = data.loaded;
    f.error = data.error.toStdString();
    f.inputs = std::size_t(data.inputs.size());
    f.target = data.target.toStdString();
    f.targetType = data.targetType;
    f.targetClasses = data.targetClasses;
    return f;
}
} // namespace

int DesignCheck::outputsNeeded(const DataSummary& data, train::LossKind loss) { return train::DesignCheck::outputsNeeded(facts(data), loss); }

train::LossKind DesignCheck::suggestedLoss(const DataSummary& data) {
    return train::defaultLoss(data.targetType); // the engine's rule: what train picks when no loss is set
}

bool DesignCheck::hasErrors(const std::vector<DesignIssue>& issues) {
    for (const auto& i : issues)
        if (i.severity == Severity::Error) return true;
    return false;
}

std::vector<DesignIssue> DesignCheck::run(const GraphModel& graph, const DataSummary& data, train::LossKind loss) {
    // The rules are the engine's (train::DesignCheck, which `layerlab-cli check` prints too); each
    // problem lands on the node that holds its spec layer (a dense node's activation is its own).
    std::vector<DesignIssue> out;
    for (const auto& p : train::DesignCheck::run(graph.toSpec(), loss, facts(data)))
        out.push_back({p.severity == train::DesignProblem::Severity::Error ? Severity::Error : Severity::Warning,
                       graph.nodeOfLayer(p.layerId), QString::fromStdString(p.message)});
    return out;
}

} // namespace layerlab::widgets::canvas
