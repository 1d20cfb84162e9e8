#include "Format.h"

#include "model/ModelSummary.h"

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

std::string describe(const nn::Network& network) { return model::describeNetwork(network); }

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
    const std::string bad = m.nonFinite ? ", " + std::to_string(m.nonFinite) + " with a non-finite output" : "";
    // The verdict weighs every figure printed (MetricsReport::compareWithBaseline).
    const auto better = m.compareWithBaseline();
    std::string verdict;
    if (better.all()) {
        verdict = "  better than a model that learned nothing";
    } else {
        for (const auto& w : better.worse(m.classification)) verdict += (verdict.empty() ? "" : ", ") + w;
        verdict = "  NOT better than a model that learned nothing on " + verdict;
    }
    if (!m.classification)
        return "rmse " + fixed(m.rmse, 4) + "  mae " + fixed(m.mae, 4) + "  r2 " + fixed(m.r2, 4) + "  loss " + fixed(m.loss, 4) +
               "  (baseline rmse " + fixed(m.baselineRmse, 4) + ", loss " + fixed(m.baselineLoss, 4) + "; " +
               std::to_string(m.rows) + " rows" + bad + ")" + verdict;
    std::string s = "accuracy " + fixed(m.accuracy, 4) + "  loss " + fixed(m.loss, 4);
    if (!std::isnan(m.auc)) s += "  auc " + fixed(m.auc, 4);
    return s + "  (baseline " + fixed(m.baselineAccuracy, 4) + ", loss " + fixed(m.baselineLoss, 4) + "; " +
           std::to_string(m.rows) + " rows" + bad + ")" + verdict;
}

} // namespace layerlab::app::cli

namespace layerlab::app::cli {

std::string describeInputs(const engine::data::Preprocessor& pre) { return engine::model::describeInputs(pre); }

void setScreenFields(engine::Json& j, const engine::data::ColumnInfo& c) {
    if (!c.leak.empty()) {
        j.set("leak", true);
        j.set("leak_reason", c.leak.str());
    }
    if (!c.identifiesRows.empty()) {
        j.set("identifies_rows", true);
        j.set("identifies_rows_reason", c.identifiesRows.str());
    }
}

} // namespace layerlab::app::cli
