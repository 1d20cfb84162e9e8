// One entry point for every export format, shared by `layerlab-cli export` and the GUI's
// File › Export…: builds the whole file in memory (refusing with ExportError before anything is
// written), then writes it atomically, so a failed export never leaves a half file behind.
// Thread-safe: no shared state; the GUI calls it on a pool thread.
#pragma once

#include "model/Model.h"

#include <optional>
#include <string>
#include <string_view>

namespace layerlab::exporters {

enum class ExportFormat { Onnx, CHeader, Json };

std::string_view formatName(ExportFormat f);          ///< "onnx", "c", "json"
std::optional<ExportFormat> formatFromName(std::string_view name);
std::string_view formatExtension(ExportFormat f);     ///< ".onnx", ".h", ".json"

class ModelExporter {
public:
    /// The exported file's contents (bytes for ONNX). `name` names the graph / C symbols.
    static std::string contents(const engine::model::Model& model, ExportFormat format, const std::string& name);
    /// contents() written atomically to `path`; the C prefix and graph name come from the file name.
    static void write(const engine::model::Model& model, ExportFormat format, const std::string& path);
};

} // namespace layerlab::exporters
