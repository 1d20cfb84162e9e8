// A finished (or stopped) run as a project keeps it: the model it produced (best weights when a
// validation set chose them), its curves and markers, and how it ended. Optional in project files.
#pragma once

#include "RunHistory.h"
#include "core/JsonWriter.h"
#include "model/Model.h"

#include <string>
#include <string_view>

namespace layerlab::engine::train {

struct RunRecord {
    model::Model model;
    RunHistory history;
    std::string outcome; ///< "finished 60 epochs", "stopped early at epoch 23: ..."

    Json toJson() const;
    /// toJson() as member `key` of the object `out` has open, the model written piece by piece.
    void write(JsonWriter& out, std::string_view key) const;
    /// Throws SpecError or FileError (naming `source`) for a damaged record.
    static RunRecord fromJson(const Json& json, const std::string& source);
};

} // namespace layerlab::engine::train
