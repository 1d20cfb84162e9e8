// What an exported model takes: one raw value per input column of the training data, in the
// model's column order, either a number (numeric columns, and boolean columns spelled as two
// numbers such as 0/1) or a text (factors, and boolean columns spelled as words: made/missed).
// Shared by the ONNX and C exporters so both present the same interface and refuse the same
// things with the same words.
#pragma once

#include "model/Model.h"

#include <string>
#include <vector>

namespace layerlab::exporters {

enum class RawKind { Number, Text };

struct RawInput {
    std::string column;
    RawKind kind = RawKind::Number;
    const engine::data::ColumnEncoder* encoder = nullptr;
    float trueNumber = 1.0f, falseNumber = 0.0f; ///< boolean spelled as numbers
};

/// The raw inputs of `model`; throws ExportError naming `format` for what it cannot take (dates,
/// derived columns, an Embedding layer over a column that is not a factor index).
std::vector<RawInput> rawInputs(const engine::model::Model& model, const std::string& format);

/// Level index of every spelling a factor cell may arrive in that is not a vocabulary level: the
/// missing-value spellings (the fill level, or the unknown bucket when there is none).
std::size_t fillIndex(const engine::data::ColumnEncoder& encoder);

/// The spellings a boolean text input accepts for its true or false value: as trained, lower,
/// UPPER and Capitalised (the engine matches them ignoring ASCII case).
std::vector<std::string> caseVariants(const std::string& spelling);

} // namespace layerlab::exporters
