// A float array as a JSON file holds it: {"count", "encoding": "base64-float32le", "checksum",
// "data"}. Model files and checkpoints write their weights this way; reading checks every field
// so a damaged or edited file is refused with the key that is wrong.
#pragma once

#include "core/Json.h"

#include <span>
#include <string>
#include <vector>

namespace layerlab::engine::io {

class FloatBlock {
public:
    static Json toJson(std::span<const float> values);
    /// The values of `block` (named `key` in messages); `expected` values unless it is
    /// kAnyCount. Throws SpecError naming the key: a wrong count, encoding or checksum, or
    /// NaN and infinity.
    static std::vector<float> fromJson(const Json& block, const std::string& key, std::size_t expected);
    static constexpr std::size_t kAnyCount = std::size_t(-1);
};

} // namespace layerlab::engine::io
