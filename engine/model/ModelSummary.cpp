#include "ModelSummary.h"

#include <cctype>

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
        if (l.type == nn::LayerType::Recurrent) {
            std::string cell(nn::cellName(l.cell));
            for (char& c : cell) c = char(std::toupper(static_cast<unsigned char>(c)));
            shape += "-" + cell + "(" + std::to_string(l.units) + (l.bidirectional ? ", both ways" : "") +
                     (l.sequences ? ", every step" : "") + ")";
        }
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
    if (const auto& chars = pre.characters())
        return "the characters of " + chars->column() + " (" + std::to_string(chars->alphabet().size()) +
               " seen + unknown, up to " + std::to_string(chars->length()) + ", padding masked) = " +
               std::to_string(pre.inputWidth()) + " inputs";
    // A wide file's 100,000 columns made one 1.2 MB line: name the first few, count the rest.
    constexpr std::size_t kNamed = 30;
    std::string s;
    const auto& encoders = pre.encoders();
    for (std::size_t k = 0; k < encoders.size(); ++k) {
        const auto& e = encoders[k];
        if (k == kNamed && encoders.size() > kNamed + 1) {
            s += ", ... (" + std::to_string(encoders.size() - kNamed) + " more columns)";
            break;
        }
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
    if (pre.sequence() == data::SequenceKind::Window)
        return "the last " + std::to_string(pre.steps()) + " rows of " + s + " (predicting the next row's " + pre.target() +
               ") = " + std::to_string(pre.inputWidth()) + " inputs";
    return s + " = " + std::to_string(pre.inputWidth()) + " inputs";
}

} // namespace layerlab::engine::model
