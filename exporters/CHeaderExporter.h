// A standalone C99 header: `static const float` weights, the numeric preprocessing and the
// network in one `<prefix>_predict` function, no allocation, no dependency beyond <math.h>.
// Factor inputs arrive as level indices; `<prefix>_code(column, text)` turns a text cell into
// that index (or a worded boolean into 1/0) with the same rules as LayerLab: trimmed, unseen ->
// the unknown bucket, missing spellings -> the fill level. docs/export.md shows a caller.
#pragma once

#include "model/Model.h"

#include <string>

namespace layerlab::exporters {

class CHeaderExporter {
public:
    /// The header's text. `prefix` names every symbol (made a valid C identifier).
    /// Throws ExportError for what the header cannot represent.
    static std::string toText(const engine::model::Model& model, const std::string& prefix = "model");
    /// A C identifier from any text ("NBA shots.h" -> "nba_shots").
    static std::string identifier(const std::string& text);
};

} // namespace layerlab::exporters
