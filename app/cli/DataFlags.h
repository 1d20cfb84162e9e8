// The data flags shared by `train` and `data inspect`: how to read the CSV, column types and roles,
// derived columns, missing values, scaling, factor encoding and the split. They edit a DataSpec,
// so flags and project files mean the same thing.
#pragma once

#include "ArgParser.h"

#include "data/DataSpec.h"

#include <set>
#include <string>

namespace layerlab::app::cli {

/// Names of the valued flags applyDataFlags reads (merge into an ArgParser's set).
std::set<std::string> dataFlags();
/// Applies the flags present in `a` to `spec`. Throws UsageError naming the flag.
void applyDataFlags(const ArgParser& a, engine::data::DataSpec& spec);
/// Only the reading flags (--delimiter, --no-header, --ragged).
void applyCsvFlags(const ArgParser& a, engine::data::CsvOptions& csv);

} // namespace layerlab::app::cli
