// The engine's own seeded random generator (xoshiro256** seeded by SplitMix64).
// std:: distributions are implementation-defined, so every draw the engine makes (initializers,
// shuffles, dropout masks, splits) goes through this class to stay reproducible across platforms.
// Not thread-safe: one instance per user (the trainer owns one).
#pragma once

#include <array>
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
    /// The generator's whole state: a checkpoint saves it, and setState() continues the stream
    /// exactly where it was.
    std::array<std::uint64_t, 4> state() const { return {m_s[0], m_s[1], m_s[2], m_s[3]}; }
    void setState(const std::array<std::uint64_t, 4>& s) {
        for (int i = 0; i < 4; ++i) m_s[i] = s[std::size_t(i)];
    }

private:
    std::uint64_t m_s[4];
};

} // namespace layerlab::engine
