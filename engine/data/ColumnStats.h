// Summary statistics of one table column, for `layerlab-cli data inspect` and the data panel:
// missing count, and min/max/mean for numbers or distinct count and the most frequent values.
#pragma once

#include "Table.h"
#include "core/Json.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace layerlab::engine::data {

struct ColumnStats {
    std::int64_t present = 0, missing = 0;
    std::optional<double> min, max, mean, stddev;                 ///< numeric readings, when any
    std::int64_t distinct = -1;                                   ///< -1 = many numbers (not counted)
    std::vector<std::pair<std::string, std::int64_t>> top;        ///< most frequent values, most first

    static ColumnStats compute(const Table& table, std::size_t column, std::size_t topCount = 5);
    Json toJson() const;
};

} // namespace layerlab::engine::data
