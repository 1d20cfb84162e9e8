// The .llmodel file: one JSON document (format "layerlab.model", versioned) holding the network
// spec, preprocessing and the weights as checksummed base64 float32. Saved atomically; loading
// validates every shape, count and checksum and refuses a bad file with a FileError.
#pragma once

#include "Model.h"
#include "core/JsonWriter.h"

#include <string>
#include <string_view>

namespace layerlab::engine::model {

class ModelFile {
public:
    static constexpr int kVersion = 2; // 2: typed column encoders, derived columns (1 still reads)
    static void save(const std::string& path, const Model& model);
    /// Reads a .llmodel file or a "layerlab.model.json" export (ModelJson). Throws FileError.
    static Model load(const std::string& path);
    /// load() from text already read; `source` names it in errors.
    static Model parse(std::string_view text, const std::string& source);
    static Json toJson(const Model& model);
    /// toJson()'s members, written one by one into the object `out` has open (the same text as
    /// the tree would give): a project that keeps a wide file's run never holds its model twice.
    static void writeMembers(JsonWriter& out, const Model& model);
    /// `source` names the file in errors.
    static Model fromJson(const Json& json, const std::string& source);
    /// Everything but the weights (format and version, loss, network, preprocessing, provenance),
    /// with the shapes checked against each other; shared with ModelJson. Throws FileError.
    static Model readDescription(const Json& json, const std::string& format, int maxVersion, const std::string& source);
};

} // namespace layerlab::engine::model
