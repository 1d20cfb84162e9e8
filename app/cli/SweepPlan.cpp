#include "SweepPlan.h"

#include "ArgParser.h"

#include "core/Rng.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace layerlab::app::cli {

namespace {

// Flags no trial may vary: where the data is, where models go, how a run is resumed.
const std::set<std::string> kFixed{"data", "target", "out", "threads", "checkpoint-every", "checkpoints", "resume", "graph"};
// Flags that take whole numbers (a range draws integers for them).
const std::set<std::string> kWhole{"batch", "epochs", "seed", "patience", "hidden"};

std::pair<std::string, std::string> nameAndRest(const std::string& item, const char* flag, const std::set<std::string>& trainFlags) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError(std::string("--") + flag + ": \"" + item + "\" is not NAME=" + (std::string(flag) == "grid" ? "V1,V2,..." : "LO:HI[:log]"));
    const std::string name = item.substr(0, eq);
    if (!trainFlags.count(name) || kFixed.count(name))
        throw UsageError(std::string("--") + flag + ": \"" + name + "\" is not a train flag a sweep can vary (lr, batch, hidden, activation, "
                                                                    "optimizer, l2, dropout, seed, epochs, ...)");
    return {name, item.substr(eq + 1)};
}

std::vector<std::string> split(const std::string& text, char by) {
    std::vector<std::string> out;
    for (std::size_t at = 0;;) {
        const auto next = text.find(by, at);
        out.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) break;
        at = next + 1;
    }
    return out;
}

double number(const std::string& text, const std::string& item) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v)) throw UsageError("--range: \"" + text + "\" in \"" + item + "\" is not a number");
    return v;
}

struct Range {
    std::string name;
    double lo = 0, hi = 0;
    bool log = false;
};

} // namespace

std::string SweepPlan::Trial::describe() const {
    std::string out;
    for (const auto& [name, value] : settings) out += (out.empty() ? "" : " ") + name + "=" + value;
    return out;
}

SweepPlan SweepPlan::from(const std::vector<std::string>& grids, const std::vector<std::string>& rangeItems, std::optional<long long> random,
                          std::uint64_t seed, int maxTrials, const std::set<std::string>& trainFlags) {
    std::vector<std::pair<std::string, std::vector<std::string>>> lists;
    std::set<std::string> named;
    for (const auto& item : grids) {
        auto [name, rest] = nameAndRest(item, "grid", trainFlags);
        if (!named.insert(name).second) throw UsageError("--grid: \"" + name + "\" is varied twice");
        auto values = split(rest, rest.find(';') != std::string::npos ? ';' : ',');
        for (const auto& v : values)
            if (v.empty()) throw UsageError("--grid: \"" + item + "\" has an empty value");
        lists.emplace_back(name, std::move(values));
    }
    std::vector<Range> ranges;
    for (const auto& item : rangeItems) {
        auto [name, rest] = nameAndRest(item, "range", trainFlags);
        if (!named.insert(name).second) throw UsageError("--range: \"" + name + "\" is varied twice");
        const auto parts = split(rest, ':');
        if (parts.size() < 2 || parts.size() > 3 || (parts.size() == 3 && parts[2] != "log"))
            throw UsageError("--range: \"" + item + "\" is not NAME=LO:HI or NAME=LO:HI:log");
        Range r{name, number(parts[0], item), number(parts[1], item), parts.size() == 3};
        if (!(r.lo <= r.hi)) throw UsageError("--range: \"" + item + "\": LO must not be above HI");
        if (r.log && !(r.lo > 0)) throw UsageError("--range: \"" + item + "\": a log range needs LO above 0");
        ranges.push_back(r);
    }
    if (!ranges.empty() && !random) throw UsageError("--range draws values at random: give --random N (how many trials)");
    if (lists.empty() && ranges.empty()) throw UsageError("sweep needs --grid NAME=V1,V2,... or --random N with --range NAME=LO:HI");
    SweepPlan plan;
    if (random) {
        if (*random > maxTrials) throw UsageError("--random " + std::to_string(*random) + " is over --max-trials " + std::to_string(maxTrials));
        engine::Rng rng(seed);
        for (long long t = 0; t < *random; ++t) {
            Trial trial;
            trial.index = int(t) + 1;
            for (const auto& [name, values] : lists) trial.settings.emplace_back(name, values[rng.below(values.size())]);
            for (const auto& r : ranges) {
                const double u = double(rng.uniform());
                double v = r.log ? std::exp(std::log(r.lo) + u * (std::log(r.hi) - std::log(r.lo))) : r.lo + u * (r.hi - r.lo);
                char text[40];
                if (kWhole.count(r.name)) std::snprintf(text, sizeof text, "%lld", static_cast<long long>(std::llround(v)));
                else std::snprintf(text, sizeof text, "%.6g", v);
                trial.settings.emplace_back(r.name, text);
            }
            plan.m_trials.push_back(std::move(trial));
        }
        return plan;
    }
    double count = 1;
    for (const auto& l : lists) count *= double(l.second.size());
    if (count > maxTrials)
        throw UsageError("the grid makes " + std::to_string(std::llround(count)) + " trials, over --max-trials " + std::to_string(maxTrials));
    std::vector<std::size_t> at(lists.size(), 0);
    for (int t = 0; t < int(count); ++t) {
        Trial trial;
        trial.index = t + 1;
        for (std::size_t k = 0; k < lists.size(); ++k) trial.settings.emplace_back(lists[k].first, lists[k].second[at[k]]);
        plan.m_trials.push_back(std::move(trial));
        for (std::size_t k = lists.size(); k-- > 0;) { // the last grid turns fastest
            if (++at[k] < lists[k].second.size()) break;
            at[k] = 0;
        }
    }
    return plan;
}

std::vector<std::string> SweepPlan::baseArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
                                             const std::set<std::string>& switches) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) == 0) {
            const auto eq = arg.find('=');
            const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            if (valued.count(name)) {
                if (eq == std::string::npos) ++i; // its value follows
                continue;
            }
            if (switches.count(name)) continue;
        }
        out.push_back(arg);
    }
    return out;
}

} // namespace layerlab::app::cli
