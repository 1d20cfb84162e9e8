// The columns that should not be inputs, found before training on the training rows:
//   - a possible target leak: the column gives the target away on its own — each of its values
//     goes with one value of the target (a copy, a relabelling: iris.csv's numeric `target`
//     beside `species`), it is a monotone transform of a numeric target, or it separates the
//     classes by thresholds (near-perfect as a single-column score);
//   - a row identifier: a different value on every row (an id, a name), nothing to generalize from.
// Issue 19: iris's `target` trained silently to accuracy 1.000 and the Judge said "Better".
// A flagged column stays an input only where the user chose its role (listed it as an input, or
// set role input on it); otherwise it is left out, with the reason in ColumnInfo::why. Every
// client (train, `data inspect --target`, the Data tab) calls apply() on the same training rows.
#pragma once

#include "data/DataSpec.h"
#include "data/Schema.h"
#include "data/Table.h"

#include <span>
#include <string>

namespace layerlab::engine::train {

class InputScreen {
public:
    struct Finding {
        std::string leak;           ///< why it gives the target away; empty when it does not
        std::string identifiesRows; ///< why it identifies rows; empty when it does not
    };
    /// Examines one column (not the target) on `trainRows`; the row-identifier test looks at every row.
    static Finding examine(const data::Table& table, const data::Schema& schema, std::size_t column,
                           std::span<const std::size_t> trainRows);
    /// Why the column identifies rows (a different value on every row), or empty: the one test
    /// that needs no target, so `data inspect` runs it on every column.
    static std::string identifiesRows(const data::Table& table, const data::ColumnInfo& info);
    /// Examines every column but the target and records the findings in `schema`, leaving out
    /// the flagged inputs the user did not choose — unless that would leave no input, when they
    /// all stay (flagged).
    /// A window of rows is screened for row identifiers only (the target's own past is a fair input
    /// there); a character sequence is not screened (its text is the only input).
    static void apply(data::Schema& schema, const data::Table& table, const data::DataSpec& spec,
                      std::span<const std::size_t> trainRows);

    /// Fewer training rows with both cells present than this and no leak is claimed: a perfect
    /// score on a handful of rows says little, and such files are tests and toys.
    static constexpr std::size_t kMinRows = 30;
    /// A rank correlation or AUC at least this close to perfect counts as a leak.
    static constexpr double kNearPerfect = 0.999;
};

} // namespace layerlab::engine::train
