#include "Split.h"

#include "core/Error.h"
#include "core/Rng.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

namespace layerlab::engine::data {
namespace {

void checkFractions(double validation, double test) {
    if (!(validation >= 0.0 && test >= 0.0 && validation + test < 1.0))
        throw SpecError("validation and test fractions must be >= 0 and sum to less than 1");
}

// Its own stream, so the split does not shift with training draws.
Rng splitRng(std::uint64_t seed) { return Rng(seed ^ 0x5eed5eed5eedULL); }

void shuffle(std::vector<std::size_t>& v, Rng& rng) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// Cuts an ordered list: the first share goes to test, the next to validation, the rest trains.
void cut(const std::vector<std::size_t>& order, double validation, double test, Split& s, bool trainFirst) {
    const std::size_t n = order.size();
    const auto nTest = static_cast<std::size_t>(std::llround(double(n) * test));
    const auto nVal = static_cast<std::size_t>(std::llround(double(n) * validation));
    const auto b = order.begin();
    if (trainFirst) { // sequential: train on the past, validate on what follows, test on the latest
        const std::size_t nTrain = n - std::min(n, nTest + nVal);
        s.train.insert(s.train.end(), b, b + std::ptrdiff_t(nTrain));
        s.validation.insert(s.validation.end(), b + std::ptrdiff_t(nTrain), b + std::ptrdiff_t(nTrain + nVal));
        s.test.insert(s.test.end(), b + std::ptrdiff_t(nTrain + nVal), order.end());
        return;
    }
    s.test.insert(s.test.end(), b, b + std::ptrdiff_t(std::min(n, nTest)));
    s.validation.insert(s.validation.end(), b + std::ptrdiff_t(std::min(n, nTest)), b + std::ptrdiff_t(std::min(n, nTest + nVal)));
    s.train.insert(s.train.end(), b + std::ptrdiff_t(std::min(n, nTest + nVal)), order.end());
}

} // namespace

Split randomSplit(std::size_t rows, double validation, double test, std::uint64_t seed) {
    std::vector<std::size_t> all(rows);
    std::iota(all.begin(), all.end(), std::size_t(0));
    return splitRows(all, SplitKind::Random, {}, validation, test, seed);
}

Split splitRows(std::span<const std::size_t> rows, SplitKind kind, std::span<const int> strata, double validation,
                double test, std::uint64_t seed) {
    checkFractions(validation, test);
    Split s;
    Rng rng = splitRng(seed);
    std::vector<std::size_t> order(rows.begin(), rows.end());
    switch (kind) {
    case SplitKind::Random:
        shuffle(order, rng);
        cut(order, validation, test, s, false);
        break;
    case SplitKind::Sequential: cut(order, validation, test, s, true); break;
    case SplitKind::Stratified: {
        if (strata.size() != rows.size()) throw SpecError("a stratified split needs the target's class of every row");
        std::map<int, std::vector<std::size_t>> groups;
        for (std::size_t i = 0; i < rows.size(); ++i) groups[strata[i]].push_back(rows[i]);
        for (auto& [cls, members] : groups) {
            shuffle(members, rng);
            cut(members, validation, test, s, false);
        }
        // Interleave classes again: the trainer shuffles, but evaluation order should not be by class.
        for (auto* part : {&s.train, &s.validation, &s.test}) shuffle(*part, rng);
        break;
    }
    }
    if (s.train.empty())
        throw SpecError("only " + std::to_string(rows.size()) + " rows: nothing left to train on after the validation/test split");
    return s;
}

} // namespace layerlab::engine::data
