#include "DesignCheck.h"

namespace layerlab::engine::train {

using Severity = DesignProblem::Severity;

int DesignCheck::outputsNeeded(const DataFacts& data, LossKind loss) {
    if (!data.loaded || data.target.empty()) return 0;
    return loss == LossKind::SoftmaxCrossEntropy ? data.targetClasses : 1;
}

bool DesignCheck::hasErrors(const std::vector<DesignProblem>& problems) {
    for (const auto& p : problems)
        if (p.severity == Severity::Error) return true;
    return false;
}

std::vector<DesignProblem> DesignCheck::run(const nn::NetworkSpec& network, LossKind loss, const DataFacts& data) {
    std::vector<DesignProblem> out;
    const std::string lossText(lossName(loss));
    if (data.loaded && !data.error.empty()) out.push_back({Severity::Error, 0, data.error});
    if (data.loaded && data.error.empty() && data.inputs == 0)
        out.push_back({Severity::Error, 0, "No input columns: give at least one column the role \"input\"."});
    const auto& layers = network.layers;
    std::size_t lastDense = layers.size();
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].type == nn::LayerType::Dense) lastDense = i;
    bool tail = lastDense < layers.size();
    for (std::size_t i = lastDense + 1; tail && i < layers.size(); ++i)
        tail = layers[i].type == nn::LayerType::Activation || layers[i].type == nn::LayerType::Dropout;
    if (!tail) {
        out.push_back({Severity::Error, layers.empty() ? 0 : layers.back().id, "The network must end with a dense output layer."});
        return out;
    }
    const nn::LayerSpec& o = layers[lastDense];
    // Activation and dropout layers belong to the drawn layer before them (a Dense's "then
    // dropout 0.3"): their problems are marked there.
    auto owner = [&](std::size_t i) {
        for (std::size_t k = i + 1; k-- > 0;)
            if (layers[k].id != 0) return layers[k].id;
        return 0;
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        if ((l.type == nn::LayerType::Dense || l.type == nn::LayerType::Recurrent) && l.units <= 0 && i != lastDense)
            out.push_back({Severity::Error, l.id, "A hidden layer needs at least one neuron."});
        if (l.type == nn::LayerType::Dropout && !(l.rate >= 0.0f && l.rate < 1.0f))
            out.push_back({Severity::Error, owner(i), "Dropout rate must be at least 0 and below 1."});
        if (l.type == nn::LayerType::Dropout && i > lastDense)
            out.push_back({Severity::Warning, o.id, "Dropout on the output layer drops predictions at random."});
    }
    // The output's activation: the last one after the output Dense (identity when none).
    nn::Activation act = nn::Activation::Identity;
    for (std::size_t i = lastDense + 1; i < layers.size(); ++i)
        if (layers[i].type == nn::LayerType::Activation) act = layers[i].activation;
    const bool classLoss = isClassification(loss);
    if (act == nn::Activation::Softmax && loss == LossKind::SoftmaxCrossEntropy)
        out.push_back({Severity::Error, o.id, "Remove the softmax: the ce loss already applies it to the outputs (remove the final activation layer)."});
    else if (act == nn::Activation::Sigmoid && loss == LossKind::BinaryCrossEntropy)
        out.push_back({Severity::Error, o.id, "Remove the sigmoid: the bce loss already applies it to the output (remove the final activation layer)."});
    else if (act == nn::Activation::Softmax && !classLoss)
        out.push_back({Severity::Error, o.id, "Softmax output with a regression loss (" + lossText + "): outputs would be forced to sum to 1."});
    else if (act != nn::Activation::Identity && classLoss)
        out.push_back({Severity::Warning, o.id, "The output of a classifier is usually linear (the loss turns it into probabilities)."});

    if (!data.loaded || data.target.empty()) return out;
    const bool categorical = data.targetType == data::ColumnType::Factor || data.targetType == data::ColumnType::Boolean ||
                             data.targetType == data::ColumnType::Text;
    if (!classLoss && categorical && data.targetType != data::ColumnType::Boolean)
        out.push_back({Severity::Error, o.id,
                       "Target \"" + data.target + "\" is categorical: a regression loss (" + lossText + ") cannot fit it; use ce."});
    if (classLoss && !categorical)
        out.push_back({Severity::Error, o.id,
                       "Target \"" + data.target + "\" is numeric: " + lossText + " needs classes; use mse or huber, or make the target a factor."});
    if (loss == LossKind::BinaryCrossEntropy && categorical && data.targetClasses > 2)
        out.push_back({Severity::Error, o.id,
                       "Target \"" + data.target + "\" has " + std::to_string(data.targetClasses) + " classes: bce handles two; use ce."});
    const int need = outputsNeeded(data, loss);
    if (need > 0 && o.units != 0 && o.units != need && !(classLoss && !categorical))
        out.push_back({Severity::Error, o.id,
                       "The output layer has " + std::to_string(o.units) + " units but target \"" + data.target + "\" needs " +
                           std::to_string(need) + " (set units to 0 to follow the target)."});
    return out;
}

} // namespace layerlab::engine::train
