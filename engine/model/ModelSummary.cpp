#include "ModelSummary.h"

namespace layerlab::engine::model {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string all;
    for (const auto& i : items) all += (all.empty() ? "" : "/") + i;
    return all;
}

} // namespace

std::string describeNetwork(const nn::Network& network) {
    std::string shape = std::to_string(network.inputs());
    std::vector<std::string> activations;
    for (const auto& l : network.spec().layers) {
        if (l.type == nn::LayerType::Dense) shape += "-" + std::to_string(l.units);
        if (l.type == nn::LayerType::Embedding) shape += " (embedded: " + std::to_string(network.spec().shapes().front()) + ")";
        if (l.type == nn::LayerType::Activation) {
            const std::string name(nn::activationName(l.activation));
            if (activations.empty() || activations.back() != name) activations.push_back(name);
        }
    }
    return shape + (activations.empty() ? "" : " " + joined(activations)) + ", " +
           std::to_string(network.parameterCount()) + " parameters";
}

std::string describeInputs(const data::Preprocessor& pre) {
    std::string s;
    for (const auto& e : pre.encoders()) {
        if (!s.empty()) s += ", ";
        s += e.column();
        if (e.type() == data::ColumnType::Factor) {
            s += " (factor, " + std::to_string(e.vocabulary().size()) + " levels + unknown";
            s += e.encoding() == data::FactorEncoding::Embedding ? ", embedded in " + std::to_string(e.embeddingDims()) + ")"
                                                                          : ")";
        } else if (e.type() != data::ColumnType::Numeric) {
            s += std::string(" (") + data::typeName(e.type()) + ")";
        }
        if (e.indicator()) s += " +missing flag";
    }
    return s + " = " + std::to_string(pre.inputWidth()) + " inputs";
}

} // namespace layerlab::engine::model
