// The engine's own seeded random generator (xoshiro256** seeded by SplitMix64).
// std:: distributions are implementation-defined, so every draw the engine makes (initializers,
// shuffles, dropout masks, splits) goes through this class to stay reproducible across platforms.
// Not thread-safe: one instance per user (the trainer owns one).
#pragma once

#include <cstdint>

namespace layerlab::engine {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 1);

    std::uint64_t next();
    /// Uniform in [0, 1) with 24 random bits.
    float uniform();
    /// Uniform in [lo, hi).
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal (Box–Muller, no cached second value so the stream is simple to reason about).
    float normal();
    /// Unbiased integer in [0, n). n must be > 0.
    std::uint64_t below(std::uint64_t n);

private:
    std::uint64_t m_s[4];
};

} // namespace layerlab::engine
