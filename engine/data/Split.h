// Splitting rows into train / validation / test: seeded random, stratified by the target (each
// class keeps its share in every part), or sequential (in file order, for time series: no future
// row trains a model that is validated on the past).
#pragma once

#include "DataSpec.h"

#include <cstdint>
#include <span>
#include <vector>

namespace layerlab::engine::data {

struct Split {
    std::vector<std::size_t> train, validation, test;
};

/// Fractions of the whole; throws SpecError if they leave no training rows.
Split randomSplit(std::size_t rows, double validation, double test, std::uint64_t seed);

/// Splits the given row indices. `strata` (one class id per row, same length as `rows`) is
/// needed for SplitKind::Stratified. Each part keeps the original row order except for Random.
Split splitRows(std::span<const std::size_t> rows, SplitKind kind, std::span<const int> strata, double validation,
                double test, std::uint64_t seed);

} // namespace layerlab::engine::data
