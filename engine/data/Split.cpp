#include "Split.h"

#include "core/Error.h"
#include "core/Rng.h"

#include <cmath>
#include <numeric>
#include <string>

namespace layerlab::engine::data {

Split randomSplit(std::size_t rows, double validation, double test, std::uint64_t seed) {
    if (!(validation >= 0.0 && test >= 0.0 && validation + test < 1.0))
        throw SpecError("validation and test fractions must be >= 0 and sum to less than 1");
    std::vector<std::size_t> order(rows);
    std::iota(order.begin(), order.end(), std::size_t(0));
    Rng rng(seed ^ 0x5eed5eed5eedULL); // its own stream, so the split does not shift with training draws
    for (std::size_t i = rows; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    const auto nTest = static_cast<std::size_t>(std::llround(double(rows) * test));
    const auto nVal = static_cast<std::size_t>(std::llround(double(rows) * validation));
    if (nTest + nVal >= rows)
        throw SpecError("only " + std::to_string(rows) + " rows: nothing left to train on after the validation/test split");
    Split s;
    s.test.assign(order.begin(), order.begin() + std::ptrdiff_t(nTest));
    s.validation.assign(order.begin() + std::ptrdiff_t(nTest), order.begin() + std::ptrdiff_t(nTest + nVal));
    s.train.assign(order.begin() + std::ptrdiff_t(nTest + nVal), order.end());
    return s;
}

} // namespace layerlab::engine::data
