#include "NodeLook.h"

#include "Text.h"

#include <QCoreApplication>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

namespace {
QString tr(const char* text) { return QCoreApplication::translate("NodeLook", text); }

void markProblems(LayerItem::Look& look, int id, const std::vector<DesignIssue>& issues) {
    // Warnings (an export that cannot carry a derived column) are drawn as warnings, not as
    // errors (the tour saw a red input box).
    look.warningOnly = true;
    for (const auto& i : issues) {
        if (i.layerId != id) continue;
        look.problem += (look.problem.isEmpty() ? QString() : QStringLiteral("\n")) + i.message;
        if (i.severity == DesignIssue::Severity::Error) look.warningOnly = false;
    }
}
} // namespace

LayerItem::Look NodeLook::input(const Context& c) {
    const DataSummary& data = *c.data;
    LayerItem::Look look;
    look.role = LayerItem::Role::Input;
    look.title = tr("Input");
    if (!data.loaded) {
        look.detail = tr("no data yet");
    } else {
        look.units = data.inputWidth;
        if (data.featureNames.size() == data.inputWidth) look.neuronNames = data.featureNames;
        look.detail = data.inputs.size() == data.inputWidth
                          ? (data.inputWidth == 1 ? tr("1 column") : tr("%1 columns").arg(data.inputWidth))
                          : tr("%1 col. → %2").arg(data.inputs.size()).arg(data.inputWidth);
    }
    markProblems(look, 0, *c.issues); // the design's problems that belong to no layer
    return look;
}

LayerItem::Look NodeLook::of(const LayerNode& n, bool output, int units, const Context& c) {
    LayerItem::Look look;
    // A chain draws activations, dropouts and norms as small boxes; a graph draws every card's
    // neurons, since any node's values can be read by another.
    const LayerItem::Role operation = c.graph ? LayerItem::Role::Hidden : LayerItem::Role::Operation;
    look.units = units;
    switch (n.kind) {
    case NodeKind::Dense: {
        look.role = output ? LayerItem::Role::Output : LayerItem::Role::Hidden;
        const QString& target = c.data->target;
        look.title = output ? (target.isEmpty() ? tr("Output") : tr("Output: %1").arg(target)) : tr("Dense");
        look.units = n.units || !output ? n.units : c.outputUnits;
        const QString act = n.activation ? text(nn::activationName(*n.activation)) : tr("linear");
        QString count = n.units ? QString::number(n.units) : (c.outputUnits ? tr("auto (%1)").arg(c.outputUnits) : tr("auto"));
        look.detail = count + QStringLiteral(" · ") + act;
        if (n.dropout > 0) look.detail += tr(" · drop %1").arg(double(n.dropout));
        break;
    }
    case NodeKind::Activation:
        look.role = operation;
        look.title = tr("Activation");
        look.detail = text(nn::activationName(n.activation.value_or(nn::Activation::Identity)));
        break;
    case NodeKind::Dropout:
        look.role = operation;
        look.title = tr("Dropout");
        look.detail = tr("rate %1").arg(double(n.dropout));
        break;
    case NodeKind::Rnn:
    case NodeKind::Gru:
    case NodeKind::Lstm:
        look.title = n.kind == NodeKind::Rnn ? tr("SimpleRNN") : n.kind == NodeKind::Gru ? tr("GRU") : tr("LSTM");
        look.units = n.units * (n.bidirectional ? 2 : 1);
        look.detail = QString::number(n.units) + (n.bidirectional ? tr(" · both ways") : QString()) +
                      (n.sequences ? tr(" · every step") : tr(" · last state"));
        break;
    case NodeKind::BatchNorm:
    case NodeKind::LayerNorm:
        look.role = operation;
        look.title = n.kind == NodeKind::BatchNorm ? tr("BatchNorm") : tr("LayerNorm");
        look.detail = n.kind == NodeKind::BatchNorm ? tr("over the batch") : tr("over each row");
        break;
    case NodeKind::Add:
        look.title = tr("Add");
        look.detail = n.from.size() < 2 ? tr("connect a 2nd input") : tr("%1 inputs, summed").arg(n.from.size());
        break;
    case NodeKind::Concat:
        look.title = tr("Concatenate");
        look.detail = n.from.size() < 2 ? tr("connect a 2nd input") : tr("%1 inputs, side by side").arg(n.from.size());
        break;
    case NodeKind::Embedding:
        look.title = tr("Embedding");
        look.detail = n.units ? tr("%1 dims").arg(n.units) : tr("per column");
        break;
    case NodeKind::Columns: {
        look.title = tr("Columns");
        QStringList names;
        for (const auto& name : n.columns) names << QString::fromStdString(name);
        look.detail = names.isEmpty() ? tr("choose in the inspector") : names.join(QStringLiteral(", "));
        break;
    }
    }
    if (!n.name.empty()) look.detail = QString::fromStdString(n.name) + QStringLiteral(" · ") + look.detail;
    markProblems(look, n.id, *c.issues);
    return look;
}

} // namespace layerlab::widgets::canvas
