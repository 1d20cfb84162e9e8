// Command-line parsing for layerlab-cli: `--name value`, `--name=value`, boolean `--flag`,
// positionals. Unknown flags and bad values raise UsageError with one clear line.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace layerlab::app::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ArgParser {
public:
    /// `valued`: flags that take a value; `switches`: flags that do not.
    ArgParser(std::set<std::string> valued, std::set<std::string> switches);

    void parse(const std::vector<std::string>& args);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    bool has(const std::string& flag) const { return m_values.count(flag) || m_switches.count(flag); }
    /// The last value given for a flag.
    std::optional<std::string> value(const std::string& flag) const;
    /// Every value of a repeatable flag, in order (--derive a=... --derive b=...).
    std::vector<std::string> values(const std::string& flag) const;
    /// Typed getters; throw UsageError naming the flag when the value does not parse or is out of range.
    std::optional<double> number(const std::string& flag, double lo, double hi) const;
    std::optional<long long> integer(const std::string& flag, long long lo, long long hi) const;
    /// Comma-separated list ("a,b,c").
    std::vector<std::string> list(const std::string& flag) const;

private:
    std::set<std::string> m_valuedFlags, m_switchFlags;
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::vector<std::string>> m_all;
    std::set<std::string> m_switches;
    std::vector<std::string> m_positionals;
};

} // namespace layerlab::app::cli
