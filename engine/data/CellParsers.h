// Reading typed values out of cell text: dates and the usual spellings of true/false.
// Pure functions, no state; shared by type inference and by the fitted encoders, so training and
// prediction read a cell the same way.
#pragma once

#include <optional>
#include <string_view>

namespace layerlab::engine::data {

/// Days since 1970-01-01 (fractional with a time of day). Accepts ISO `YYYY-MM-DD` or
/// `YYYY/MM/DD` with an optional ` HH:MM[:SS[.fff]]` or `THH:MM...` and `Z`, and US `M/D/YY`,
/// `M/D/YYYY`, `MM-DD-YYYY`. Two-digit years 69-99 are 19xx, 00-68 20xx. Invalid dates: nullopt.
std::optional<double> parseDate(std::string_view text);

/// true/false for the common spellings (true/false, yes/no, y/n, t/f, 1/0; any case); else nullopt.
std::optional<bool> parseBoolean(std::string_view text);

/// ASCII case-insensitive equality.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

} // namespace layerlab::engine::data
