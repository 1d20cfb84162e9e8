// UTF-8 well-formedness, shared by the JSON parser (which refuses other bytes) and the table
// (which reads them as Windows-1252): one definition of what "valid UTF-8" means.
#pragma once

#include <cstddef>
#include <string_view>

namespace layerlab::engine {

/// Bytes in the well-formed UTF-8 sequence at the start of `s`: 1 for ASCII, 2-4 for a valid
/// multi-byte sequence (no overlongs, no surrogates, nothing above U+10FFFF); 0 if none starts there.
inline std::size_t utf8SequenceLength(std::string_view s) {
    if (s.empty()) return 0;
    const auto b = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
    const auto cont = [&](std::size_t i) { return (b(i) & 0xC0u) == 0x80u; };
    const unsigned c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

} // namespace layerlab::engine
