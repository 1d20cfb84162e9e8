#include "ArgParser.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>

namespace layerlab::app::cli {
namespace {

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

ArgParser::ArgParser(std::set<std::string> valued, std::set<std::string> switches)
    : m_valuedFlags(std::move(valued)), m_switchFlags(std::move(switches)) {}

void ArgParser::parse(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            m_positionals.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (m_switchFlags.count(name)) {
            if (inlineValue) throw UsageError("--" + name + " takes no value");
            m_switches.insert(name);
        } else if (m_valuedFlags.count(name)) {
            if (!inlineValue && i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
            m_values[name] = inlineValue ? *inlineValue : args[++i];
            m_all[name].push_back(m_values[name]);
        } else {
            std::string best;
            std::size_t bestDistance = 3;
            for (const auto* set : {&m_valuedFlags, &m_switchFlags})
                for (const auto& known : *set)
                    if (const auto d = editDistance(name, known); d < bestDistance) bestDistance = d, best = known;
            throw UsageError("unknown flag --" + name + (best.empty() ? std::string() : " (did you mean --" + best + "?)"));
        }
    }
}

std::vector<std::string> ArgParser::values(const std::string& flag) const {
    const auto it = m_all.find(flag);
    return it == m_all.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string> ArgParser::value(const std::string& flag) const {
    const auto it = m_values.find(flag);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::optional<double> ArgParser::number(const std::string& flag, double lo, double hi) const {
    const auto v = value(flag);
    if (!v) return std::nullopt;
    double d = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), d);
    if (r.ec != std::errc() || r.ptr != v->data() + v->size() || !std::isfinite(d))
        throw UsageError("--" + flag + ": \"" + *v + "\" is not a number");
    if (d < lo || d > hi) {
        // %g: the bounds as a person writes them (1e-12, 0.95, 1e+06), not to_string's "0.000000".
        char range[64];
        std::snprintf(range, sizeof range, "[%g, %g]", lo, hi);
        throw UsageError("--" + flag + ": " + *v + " is out of range " + range);
    }
    return d;
}

std::optional<long long> ArgParser::integer(const std::string& flag, long long lo, long long hi) const {
    const auto v = value(flag);
    if (!v) return std::nullopt;
    long long n = 0;
    const auto r = std::from_chars(v->data(), v->data() + v->size(), n);
    if (r.ec != std::errc() || r.ptr != v->data() + v->size())
        throw UsageError("--" + flag + ": \"" + *v + "\" is not a whole number");
    if (n < lo || n > hi)
        throw UsageError("--" + flag + ": " + *v + " is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return n;
}

std::vector<std::string> ArgParser::list(const std::string& flag) const {
    std::vector<std::string> items;
    const auto v = value(flag);
    if (!v) return items;
    std::size_t start = 0;
    while (start <= v->size()) {
        const auto comma = v->find(',', start);
        const std::string item = v->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (item.empty()) throw UsageError("--" + flag + ": empty item in \"" + *v + "\"");
        items.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

} // namespace layerlab::app::cli
