// What the data panel and the canvas show about the loaded table under the current data
// settings: the table with derived columns added, every column's inferred and resolved type and
// role, and the summary (inputs, encoded width, target). Immutable once built; shared by pointer.
#pragma once

#include "DataSummary.h"
#include "data/DataSpec.h"
#include "data/Preprocessor.h"
#include "data/Schema.h"
#include "data/Table.h"
#include "train/Loss.h"

#include <cstdint>

#include <QString>

#include <memory>
#include <vector>

namespace layerlab::app::data {

struct DataAnalysis {
    std::shared_ptr<const engine::data::Table> table; ///< raw + derived columns
    std::vector<engine::data::ColumnInfo> columns;    ///< per table column, resolved
    widgets::DataSummary summary;
    QString derivedError;                             ///< first derived column that failed, and why
    /// The preprocessing a run would fit (on every usable row): what export can check before training.
    std::shared_ptr<const engine::data::Preprocessor> preprocessing;

    /// Builds the analysis; never throws (problems land in summary.error / derivedError).
    /// The input screen (target leaks, row ids) runs on the training rows the run would use:
    /// split by `seed`, the target read as `loss` reads it.
    /// Cost: derived formulas and one preprocessing fit over the table; run it off the GUI thread.
    static std::shared_ptr<const DataAnalysis> build(std::shared_ptr<const engine::data::Table> raw,
                                                     const engine::data::DataSpec& spec, std::uint64_t seed = 1,
                                                     engine::train::LossKind loss = engine::train::LossKind::SoftmaxCrossEntropy);
};

} // namespace layerlab::app::data
