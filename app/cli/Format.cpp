#include "Format.h"

#include <cmath>
#include <cstdio>

namespace layerlab::app::cli {

using namespace layerlab::engine;

std::string fixed(double value, int decimals) {
    if (std::isnan(value)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string all;
    for (const auto& i : items) all += (all.empty() ? "" : separator) + i;
    return all;
}

std::string describe(const nn::Network& network) {
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
    return shape + (activations.empty() ? "" : " " + join(activations, "/")) + ", " +
           std::to_string(network.parameterCount()) + " parameters";
}

std::string stopName(train::StopReason reason) {
    switch (reason) {
    case train::StopReason::Completed: return "completed";
    case train::StopReason::Stopped: return "stopped";
    case train::StopReason::EarlyStopped: return "early_stopped";
    case train::StopReason::NonFinite: return "non_finite";
    }
    return "?";
}

std::string summary(const train::MetricsReport& m) {
    if (m.rows == 0) return "(no rows)";
    if (!m.classification)
        return "rmse " + fixed(m.rmse, 4) + "  mae " + fixed(m.mae, 4) + "  r2 " + fixed(m.r2, 4) + "  (" +
               std::to_string(m.rows) + " rows)";
    std::string s = "accuracy " + fixed(m.accuracy, 4) + "  loss " + fixed(m.loss, 4);
    if (!std::isnan(m.auc)) s += "  auc " + fixed(m.auc, 4);
    return s + "  (baseline " + fixed(m.baselineAccuracy, 4) + ", " + std::to_string(m.rows) + " rows)";
}

} // namespace layerlab::app::cli

namespace layerlab::app::cli {

std::string describeInputs(const engine::data::Preprocessor& pre) {
    std::string s;
    for (const auto& e : pre.encoders()) {
        if (!s.empty()) s += ", ";
        s += e.column();
        if (e.type() == engine::data::ColumnType::Factor) {
            s += " (factor, " + std::to_string(e.vocabulary().size()) + " levels + unknown";
            s += e.encoding() == engine::data::FactorEncoding::Embedding ? ", embedded in " + std::to_string(e.embeddingDims()) + ")"
                                                                          : ")";
        } else if (e.type() != engine::data::ColumnType::Numeric) {
            s += std::string(" (") + engine::data::typeName(e.type()) + ")";
        }
        if (e.indicator()) s += " +missing flag";
    }
    return s + " = " + std::to_string(pre.inputWidth()) + " inputs";
}

} // namespace layerlab::app::cli
