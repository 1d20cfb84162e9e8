#include "ModelExporter.h"

#include "ExportError.h"
#include "RawInputs.h"

#include "CHeaderExporter.h"
#include "OnnxExporter.h"

#include "io/AtomicFile.h"
#include "model/ModelJson.h"

#include <filesystem>

namespace layerlab::exporters {

std::string_view formatName(ExportFormat f) {
    switch (f) {
    case ExportFormat::Onnx: return "onnx";
    case ExportFormat::CHeader: return "c";
    case ExportFormat::Json: return "json";
    }
    return "?";
}

std::string_view formatTitle(ExportFormat f) {
    switch (f) {
    case ExportFormat::Onnx: return "ONNX";
    case ExportFormat::CHeader: return "C header";
    case ExportFormat::Json: return "JSON";
    }
    return "?";
}

std::optional<ExportFormat> formatFromName(std::string_view name) {
    if (name == "onnx") return ExportFormat::Onnx;
    if (name == "c" || name == "h" || name == "header") return ExportFormat::CHeader;
    if (name == "json") return ExportFormat::Json;
    return std::nullopt;
}

std::string_view formatExtension(ExportFormat f) {
    switch (f) {
    case ExportFormat::Onnx: return ".onnx";
    case ExportFormat::CHeader: return ".h";
    case ExportFormat::Json: return ".json";
    }
    return "";
}

std::string ModelExporter::contents(const engine::model::Model& model, ExportFormat format, const std::string& name) {
    switch (format) {
    case ExportFormat::Onnx: return OnnxExporter::toBytes(model, name);
    case ExportFormat::CHeader: return CHeaderExporter::toText(model, name);
    case ExportFormat::Json: return engine::model::ModelJson::toJson(model).dump(1) + "\n";
    }
    return {};
}

std::string ModelExporter::problem(const engine::data::Preprocessor& preprocessing, const engine::nn::NetworkSpec& network,
                                   ExportFormat format) {
    engine::model::Model m;
    m.preprocessing = preprocessing;
    m.network = network;
    try {
        switch (format) {
        case ExportFormat::Json: return {};
        case ExportFormat::Onnx: rawInputs(m, "ONNX"); return {};
        case ExportFormat::CHeader:
            if (preprocessing.steps() > 1 || preprocessing.sequence() != engine::data::SequenceKind::None || network.hasRecurrent())
                return "C header export does not carry sequence models (recurrent layers, character or window inputs); "
                       "export to ONNX or JSON instead";
            rawInputs(m, "C header");
            return {};
        }
    } catch (const ExportError& e) {
        return e.what();
    }
    return {};
}

std::vector<std::string> ModelExporter::designWarnings(const engine::data::Preprocessor& preprocessing,
                                                      const engine::nn::NetworkSpec& network) {
    std::vector<std::string> out;
    for (const auto f : {ExportFormat::Onnx, ExportFormat::CHeader, ExportFormat::Json})
        if (std::string why = problem(preprocessing, network, f); !why.empty())
            out.push_back("Export: " + why + (why.find("JSON") == std::string::npos ? " (JSON always works)." : "."));
    return out;
}

void ModelExporter::write(const engine::model::Model& model, ExportFormat format, const std::string& path) {
    std::string name = std::filesystem::path(path).stem().string();
    if (name.empty()) name = "model";
    engine::io::writeFileAtomically(path, contents(model, format, name));
}

} // namespace layerlab::exporters
