// One entry point for every export format, shared by `layerlab-cli export` and the GUI's
// File › Export…: builds the whole file in memory (refusing with ExportError before anything is
// written), then writes it atomically, so a failed export never leaves a half file behind.
// Thread-safe: no shared state; the GUI calls it on a pool thread.
#pragma once

#include "model/Model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::exporters {

enum class ExportFormat { Onnx, CHeader, Json };

std::string_view formatName(ExportFormat f);          ///< "onnx", "c", "json"
std::string_view formatTitle(ExportFormat f);         ///< "ONNX", "C header", "JSON": for people
std::optional<ExportFormat> formatFromName(std::string_view name);
std::string_view formatExtension(ExportFormat f);     ///< ".onnx", ".h", ".json"

class ModelExporter {
public:
    /// The exported file's contents (bytes for ONNX). `name` names the graph / C symbols.
    static std::string contents(const engine::model::Model& model, ExportFormat format, const std::string& name);
    /// Why `format` would refuse a model of this design on this data, said before anything is
    /// trained (the Design check lists it); empty when it can carry it. The same checks, and
    /// the same words, as the export itself.
    static std::string problem(const engine::data::Preprocessor& preprocessing, const engine::nn::NetworkSpec& network,
                               ExportFormat format);
    /// problem() for every format that refuses this design, as the Design check words it (the
    /// canvas and `layerlab-cli check` both list these): "Export: ... (JSON always works)."
    static std::vector<std::string> designWarnings(const engine::data::Preprocessor& preprocessing,
                                                   const engine::nn::NetworkSpec& network);
    /// contents() written atomically to `path`; the C prefix and graph name come from the file name.
    static void write(const engine::model::Model& model, ExportFormat format, const std::string& path);
};

} // namespace layerlab::exporters
