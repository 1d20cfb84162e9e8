#include "DesignCheck.h"

#include "Text.h"
#include "train/TrainingRows.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;
using Severity = DesignIssue::Severity;

namespace {
QString tr(const char* text) { return QCoreApplication::translate("DesignCheck", text); }
QString lossText(train::LossKind loss) { return text(train::lossName(loss)); }
} // namespace

int DesignCheck::outputsNeeded(const DataSummary& data, train::LossKind loss) {
    if (!data.loaded || data.target.isEmpty()) return 0;
    if (loss == train::LossKind::SoftmaxCrossEntropy) return data.targetClasses;
    return 1;
}

train::LossKind DesignCheck::suggestedLoss(const DataSummary& data) {
    return train::defaultLoss(data.targetType); // the engine's rule: what train picks when no loss is set
}

bool DesignCheck::hasErrors(const std::vector<DesignIssue>& issues) {
    for (const auto& i : issues)
        if (i.severity == Severity::Error) return true;
    return false;
}

std::vector<DesignIssue> DesignCheck::run(const GraphModel& graph, const DataSummary& data, train::LossKind loss) {
    std::vector<DesignIssue> out;
    const auto& nodes = graph.nodes();
    if (data.loaded && !data.error.isEmpty()) out.push_back({Severity::Error, 0, data.error});
    if (data.loaded && data.error.isEmpty() && data.inputs.isEmpty())
        out.push_back({Severity::Error, 0, tr("No input columns: give at least one column the role \"input\".")});
    if (nodes.empty() || nodes.back().kind != NodeKind::Dense) {
        out.push_back({Severity::Error, nodes.empty() ? 0 : nodes.back().id,
                       tr("The network must end with a dense output layer.")});
        return out;
    }
    for (const LayerNode& n : nodes) {
        const bool output = graph.isOutput(n.id);
        if (n.kind == NodeKind::Dense && n.units <= 0 && !output)
            out.push_back({Severity::Error, n.id, tr("A hidden layer needs at least one neuron.")});
        if ((n.kind == NodeKind::Dropout || n.kind == NodeKind::Dense) && !(n.dropout >= 0.0f && n.dropout < 1.0f))
            out.push_back({Severity::Error, n.id, tr("Dropout rate must be at least 0 and below 1.")});
        if (output && n.dropout > 0.0f)
            out.push_back({Severity::Warning, n.id, tr("Dropout on the output layer drops predictions at random.")});
    }
    const LayerNode& o = nodes.back();
    const bool classLoss = loss == train::LossKind::SoftmaxCrossEntropy || loss == train::LossKind::BinaryCrossEntropy;
    if (o.activation == nn::Activation::Softmax && loss == train::LossKind::SoftmaxCrossEntropy)
        out.push_back({Severity::Error, o.id, tr("Remove the softmax: the ce loss applies it to the outputs itself.")});
    else if (o.activation == nn::Activation::Sigmoid && loss == train::LossKind::BinaryCrossEntropy)
        out.push_back({Severity::Error, o.id, tr("Remove the sigmoid: the bce loss applies it to the output itself.")});
    else if (o.activation == nn::Activation::Softmax && !classLoss)
        out.push_back({Severity::Error, o.id,
                       tr("Softmax output with a regression loss (%1): outputs would be forced to sum to 1.").arg(lossText(loss))});
    else if (o.activation && *o.activation != nn::Activation::Identity && classLoss)
        out.push_back({Severity::Warning, o.id, tr("The output of a classifier is usually linear (the loss turns it into probabilities).")});

    if (!data.loaded || data.target.isEmpty()) return out;
    const bool categorical = data.targetType == data::ColumnType::Factor || data.targetType == data::ColumnType::Boolean ||
                             data.targetType == data::ColumnType::Text;
    if (!classLoss && categorical && data.targetType != data::ColumnType::Boolean)
        out.push_back({Severity::Error, o.id,
                       tr("Target \"%1\" is categorical: a regression loss (%2) cannot fit it; use ce.").arg(data.target, lossText(loss))});
    if (classLoss && !categorical)
        out.push_back({Severity::Error, o.id,
                       tr("Target \"%1\" is numeric: %2 needs classes; use mse or huber, or make the target a factor.")
                           .arg(data.target, lossText(loss))});
    if (loss == train::LossKind::BinaryCrossEntropy && categorical && data.targetClasses > 2)
        out.push_back({Severity::Error, o.id,
                       tr("Target \"%1\" has %2 classes: bce handles two; use ce.").arg(data.target).arg(data.targetClasses)});
    const int need = outputsNeeded(data, loss);
    if (need > 0 && o.units != 0 && o.units != need && !(classLoss && !categorical))
        out.push_back({Severity::Error, o.id,
                       tr("The output layer has %1 units but target \"%2\" needs %3 (set units to 0 to follow the target).")
                           .arg(o.units).arg(data.target).arg(need)});
    return out;
}

} // namespace layerlab::widgets::canvas
