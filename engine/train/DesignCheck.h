// What is wrong (or doubtful) with a design before it trains: the network's shape, its output
// layer against the loss, the loss against the target. One home for these rules: the canvas
// marks them (widgets::canvas::DesignCheck only maps them to its layers), `layerlab-cli check
// PROJECT` prints them, and a run refuses the same errors.
#pragma once

#include "Loss.h"
#include "data/DataSpec.h"
#include "nn/NetworkSpec.h"

#include <string>
#include <vector>

namespace layerlab::engine::train {

/// What the check knows about the data (nothing until it is read).
struct DataFacts {
    bool loaded = false;
    std::string error;              ///< why the data cannot be used as set up (empty = fine)
    std::size_t inputs = 0;         ///< input columns after the settings and the input screen
    std::string target;
    data::ColumnType targetType = data::ColumnType::Numeric;
    int targetClasses = 0;          ///< distinct target values (factor / boolean / text)
};

struct DesignProblem {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    int layerId = 0; ///< the spec layer's id it concerns (the output Dense for output rules); 0 = the design
    std::string message;
};

class DesignCheck {
public:
    static std::vector<DesignProblem> run(const nn::NetworkSpec& network, LossKind loss, const DataFacts& data);
    static bool hasErrors(const std::vector<DesignProblem>& problems);
    /// Units the output layer needs: the class count for ce, 1 otherwise; 0 = unknown yet.
    static int outputsNeeded(const DataFacts& data, LossKind loss);
};

} // namespace layerlab::engine::train
