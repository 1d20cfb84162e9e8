#include "FloatBlock.h"

#include "FloatCodec.h"
#include "core/Error.h"

#include <cmath>

namespace layerlab::engine::io {

Json FloatBlock::toJson(std::span<const float> values) {
    Json j = Json::object();
    j.set("count", static_cast<std::uint64_t>(values.size()));
    j.set("encoding", "base64-float32le");
    j.set("checksum", checksum(values));
    j.set("data", encodeFloats(values));
    return j;
}

std::vector<float> FloatBlock::fromJson(const Json& block, const std::string& key, std::size_t expected) {
    const auto count = std::size_t(block.at("count").asInt(key + ".count", 0, std::int64_t(1) << 40));
    if (expected != kAnyCount && count != expected)
        throw SpecError(key + ".count is " + std::to_string(count) + " but " + std::to_string(expected) + " values are needed");
    if (block.at("encoding").asString(key + ".encoding") != "base64-float32le") throw SpecError(key + ".encoding is not \"base64-float32le\"");
    auto values = decodeFloats(block.at("data").asString(key + ".data"));
    if (!values || values->size() != count) throw SpecError(key + ".data is not " + std::to_string(count) + " base64 float32 values");
    if (checksum(*values) != block.at("checksum").asString(key + ".checksum"))
        throw SpecError(key + ".checksum does not match " + key + ".data: the file is damaged");
    for (const float v : *values)
        if (!std::isfinite(v)) throw SpecError(key + " contains NaN or infinity");
    return std::move(*values);
}

} // namespace layerlab::engine::io
