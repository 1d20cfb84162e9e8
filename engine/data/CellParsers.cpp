#include "CellParsers.h"

#include <array>
#include <charconv>
#include <chrono>

namespace layerlab::engine::data {
namespace {

// Reads 1..maxDigits digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, int minDigits, int maxDigits, int& value) {
    const std::size_t start = pos;
    while (pos < s.size() && pos - start < std::size_t(maxDigits) && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos - start < std::size_t(minDigits)) return false;
    std::from_chars(s.data() + start, s.data() + pos, value);
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

std::optional<double> makeDate(int y, int m, int d) {
    using namespace std::chrono;
    const year_month_day ymd{year(y), month(unsigned(m)), day(unsigned(d))};
    if (!ymd.ok()) return std::nullopt;
    return double(sys_days(ymd).time_since_epoch().count());
}

// Optional time of day after a date: [ T]HH:MM[:SS[.fff]][Z]. Returns the fraction of a day.
std::optional<double> timeOfDay(std::string_view s, std::size_t pos) {
    if (pos == s.size()) return 0.0;
    if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
    ++pos;
    int h = 0, mi = 0, sec = 0;
    if (!digits(s, pos, 1, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, 2, mi)) return std::nullopt;
    double frac = 0.0;
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!digits(s, pos, 2, 2, sec)) return std::nullopt;
        if (pos < s.size() && s[pos] == '.') {
            const std::size_t start = ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
            double f = 0.0;
            std::from_chars(s.data() + start - 1, s.data() + pos, f); // ".fff"
            frac = f;
        }
    }
    if (pos < s.size() && s[pos] == 'Z') ++pos;
    if (pos != s.size() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    return (h * 3600.0 + mi * 60.0 + sec + frac) / 86400.0;
}

} // namespace

std::optional<double> parseDate(std::string_view s) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.size() < 6 || s.size() > 40) return std::nullopt;
    std::size_t pos = 0;
    int a = 0, b = 0, c = 0;
    std::optional<double> day;
    if (s.size() >= 10 && (s[4] == '-' || s[4] == '/')) {
        // ISO: YYYY-MM-DD (or slashes)
        const char sep = s[4];
        if (!digits(s, pos, 4, 4, a) || !expect(s, pos, sep) || !digits(s, pos, 1, 2, b) || !expect(s, pos, sep) ||
            !digits(s, pos, 1, 2, c))
            return std::nullopt;
        day = makeDate(a, b, c);
    } else {
        // US: M/D/YY, M/D/YYYY, MM-DD-YYYY
        if (!digits(s, pos, 1, 2, a) || pos >= s.size()) return std::nullopt;
        const char sep = s[pos];
        if (sep != '/' && sep != '-') return std::nullopt;
        ++pos;
        if (!digits(s, pos, 1, 2, b) || !expect(s, pos, sep)) return std::nullopt;
        const std::size_t yearStart = pos;
        if (!digits(s, pos, 2, 4, c) || pos - yearStart == 3) return std::nullopt;
        if (pos - yearStart == 2) c += c >= 69 ? 1900 : 2000;
        day = makeDate(c, a, b);
    }
    if (!day) return std::nullopt;
    const auto time = timeOfDay(s, pos);
    if (!time) return std::nullopt;
    return *day + *time;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::optional<bool> parseBoolean(std::string_view text) {
    static constexpr std::array<std::pair<const char*, bool>, 10> kWords{{{"true", true}, {"false", false}, {"yes", true},
                                                                          {"no", false}, {"y", true}, {"n", false},
                                                                          {"t", true}, {"f", false}, {"1", true}, {"0", false}}};
    for (const auto& [word, value] : kWords)
        if (equalsIgnoringCase(text, word)) return value;
    return std::nullopt;
}

} // namespace layerlab::engine::data
