// Float arrays as text inside JSON files: base64 of little-endian IEEE-754 binary32, exact to the
// bit, plus an FNV-1a checksum of the bytes so a damaged file is refused instead of half-loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::io {

std::string encodeFloats(std::span<const float> values);
/// nullopt if the text is not valid base64 or not a whole number of floats.
std::optional<std::vector<float>> decodeFloats(std::string_view text);
/// "fnv1a64:<16 hex digits>" over the little-endian bytes of values.
std::string checksum(std::span<const float> values);

} // namespace layerlab::engine::io
