// Which rows a run trains, validates and tests on: the usable rows (target present, no value set
// to "drop" missing) split by the data settings and the seed. One function, so `train`, `data
// inspect --target` and the Data tab screen their inputs on the very rows the run trains on.
#pragma once

#include "Loss.h"
#include "data/DataSpec.h"
#include "data/Preprocessor.h"
#include "data/Schema.h"
#include "data/Split.h"
#include "data/Table.h"

#include <cstdint>
#include <vector>

namespace layerlab::engine::train {

struct TrainingRows {
    std::vector<std::size_t> usable; ///< rows left after the target/drop checks, in file order
    std::size_t dropped = 0;         ///< rows left out before the split
    data::Split split;
};

/// The loss a target implies when the user has not chosen one: mse for numbers and dates,
/// softmax cross-entropy for classes (text, factor, boolean). The CLI, the GUI and the design
/// check all ask here.
LossKind defaultLoss(data::ColumnType targetType);
/// True when `loss` is a sensible choice for a target of this type even if it is not the
/// default: bce for a two-valued (boolean) target, ce for whole-number classes. The GUI
/// suggests defaultLoss only when this is false (it said "Suggested: ce" under O4's fitting bce).
bool lossFits(data::ColumnType targetType, LossKind loss);
/// What the loss makes of the target column.
data::TargetKind targetKindFor(LossKind loss);
/// The kind of target the rows are split and screened for before training (the Data tab, `check`,
/// `data inspect`): a class loss decides, as the run reads it (a numeric 0/1/2 target under ce is
/// three classes); a regression loss goes by the column (on a class column that is a design error
/// the check reports, and the rows are screened as for the loss it suggests).
data::TargetKind screeningKind(data::ColumnType targetType, LossKind loss);

/// Throws SpecError when no row is usable or the shares leave nothing to train on.
TrainingRows trainingRows(const data::Table& table, const data::Schema& schema, const data::DataSpec& spec,
                          data::TargetKind kind, std::uint64_t seed);

} // namespace layerlab::engine::train
