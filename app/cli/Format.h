// Plain-text formatting shared by the CLI commands.
#pragma once

#include "data/Preprocessor.h"

#include "nn/Network.h"
#include "train/Metrics.h"
#include "train/Trainer.h"

#include <string>
#include <vector>

namespace layerlab::app::cli {

/// Fixed-point text; "-" for NaN.
std::string fixed(double value, int decimals);
std::string join(const std::vector<std::string>& items, const char* separator = ",");
/// "2-8-8-1 tanh, 97 parameters".
std::string describe(const engine::nn::Network& network);
/// "x, y, shooter (factor, 5 levels + unknown) = 8 inputs"
std::string describeInputs(const engine::data::Preprocessor& pre);
std::string stopName(engine::train::StopReason reason);
/// "accuracy 0.9812  loss 0.0512  auc 0.9990  (baseline 0.5100, 800 rows)".
std::string summary(const engine::train::MetricsReport& m);
/// The input screen's findings on a column as JSON keys: "leak", "leak_reason",
/// "identifies_rows", "identifies_rows_reason" (only those that apply).
void setScreenFields(engine::Json& j, const engine::data::ColumnInfo& c);

} // namespace layerlab::app::cli
