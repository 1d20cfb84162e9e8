// `layerlab-cli export MODEL --format onnx|c|json --out FILE`: the model with its preprocessing,
// for other runtimes (ONNX), other programs (the C header) or people's own loaders (JSON).
#include "ArgParser.h"
#include "Commands.h"

#include "ModelExporter.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"

#include <filesystem>
#include <ostream>

namespace layerlab::app::cli {

int runExport(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({"format", "out"}, {});
    a.parse(args);
    if (a.positionals().size() != 1) throw UsageError("export needs one MODEL file (and --format onnx|c|json --out FILE)");
    const auto path = a.value("out");
    if (!path) throw UsageError("export needs --out FILE");
    std::optional<exporters::ExportFormat> format;
    if (const auto name = a.value("format")) {
        format = exporters::formatFromName(*name);
        if (!format) throw UsageError("--format: unknown format \"" + *name + "\" (use onnx, c or json)");
    } else { // from the extension, when it says
        const std::string ext = std::filesystem::path(*path).extension().string();
        for (const auto f : {exporters::ExportFormat::Onnx, exporters::ExportFormat::CHeader, exporters::ExportFormat::Json})
            if (ext == exporters::formatExtension(f)) format = f;
        if (!format) throw UsageError("export needs --format onnx|c|json (the extension of " + *path + " does not say)");
    }
    engine::io::checkWritable(*path);
    const engine::model::Model model = engine::model::ModelFile::load(a.positionals()[0]);
    exporters::ModelExporter::write(model, *format, *path);
    out << "wrote " << *path << " (" << exporters::formatName(*format) << ")\n";
    return kOk;
}

} // namespace layerlab::app::cli
