// Seeded random split of row indices into train / validation / test.
#pragma once

#include <cstdint>
#include <vector>

namespace layerlab::engine::data {

struct Split {
    std::vector<std::size_t> train, validation, test;
};

/// Fractions of the whole; throws SpecError if they leave no training rows.
Split randomSplit(std::size_t rows, double validation, double test, std::uint64_t seed);

} // namespace layerlab::engine::data
