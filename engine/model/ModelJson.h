// The model as a documented, plain JSON document ("layerlab.model.json", docs/export.md) for
// people who write their own loader: the same spec, preprocessing and loss as a .llmodel file, but
// every weight as a JSON number in nested arrays, one entry per named parameter view
// ("dense1.weight" [inputs × outputs], "dense1.bias" [1 × outputs], "embedding0.column2.table"
// [levels × dims]). Numbers are written in their shortest form that reads back to the same float,
// so export → import is exact to the bit. ModelFile::load reads this format too.
#pragma once

#include "Model.h"

#include <string>

namespace layerlab::engine::model {

class ModelJson {
public:
    static constexpr const char* kFormat = "layerlab.model.json";
    static constexpr int kVersion = 1;

    static Json toJson(const Model& model);
    /// Validates every shape and value; throws FileError naming `source` and the bad key.
    static Model fromJson(const Json& json, const std::string& source);
};

} // namespace layerlab::engine::model
