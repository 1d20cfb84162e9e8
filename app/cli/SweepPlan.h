// The trials of a sweep: `--grid NAME=V1,V2,...` lists (every combination, the first grid
// outermost) or `--random N` draws (each trial a seeded pick of every list and a draw from every
// `--range NAME=LO:HI[:log]`). NAME is a `train` flag, each value what that flag takes: a trial
// is `train` with its values added. `;` separates values that hold commas (hidden=16;32,16).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace layerlab::app::cli {

class SweepPlan {
public:
    struct Trial {
        int index = 0; ///< 1-based, in plan order
        std::vector<std::pair<std::string, std::string>> settings; ///< flag name, value
        /// "lr=0.01 hidden=32,16"
        std::string describe() const;
    };
    /// Throws UsageError naming the bad --grid or --range. `trainFlags`: the names a grid may vary.
    static SweepPlan from(const std::vector<std::string>& grids, const std::vector<std::string>& ranges, std::optional<long long> random,
                          std::uint64_t seed, int maxTrials, const std::set<std::string>& trainFlags);
    const std::vector<Trial>& trials() const { return m_trials; }
    /// `args` without the sweep's own flags (`valued` with their values, `switches`): what every
    /// trial passes to train.
    static std::vector<std::string> baseArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
                                             const std::set<std::string>& switches);

private:
    std::vector<Trial> m_trials;
};

} // namespace layerlab::app::cli
