// ONNX export of a whole model, preprocessing included, so a runtime fed the raw column values
// gets the same answers as `layerlab-cli predict`:
//   inputs:  one per raw input column, named as the column, [N, 1], float (numbers; NaN = missing)
//            or string (factors and worded booleans; unseen values go to the unknown bucket)
//            Sequences: a window model takes each column as [N, steps], oldest row first; a
//            character model takes its text column as [N, length] strings, one character each,
//            "" after the end (OnnxRecurrent; docs/export.md shows the splitting).
//   outputs: `probabilities` [N, classes] and `label` [N] (class names) for classifiers,
//            `value` [N, outputs] for regression.
// IR 8, opset 17 plus ai.onnx.ml 2 (LabelEncoder), built with Debian's libonnx and checked by
// ONNX's checker and strict shape inference before any byte is returned.
#pragma once

#include "model/Model.h"

#include <string>

namespace layerlab::exporters {

class OnnxExporter {
public:
    static constexpr int kIrVersion = 8;
    static constexpr int kOpset = 17;
    static constexpr int kMlOpset = 2;

    /// The serialized ModelProto. Throws ExportError for what ONNX cannot represent here.
    static std::string toBytes(const engine::model::Model& model, const std::string& name = "layerlab-model");
};

} // namespace layerlab::exporters
