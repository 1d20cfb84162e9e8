// libFuzzer target for the model-file loader (layerlab-cli evaluate/predict/export and the GUI's
// Open Model read through it), both formats: a .llmodel document or a "layerlab.model.json"
// export. Any bytes give a Model or a typed engine error, never a crash, a hang or an
// out-of-bounds read. A model that loads must also run (one forward pass on a row of zeros, and of
// NaNs: embedding indices are clamped), write back and read again to the same JSON in both
// formats, and give a C header or a clear ExportError.
#include "CHeaderExporter.h"
#include "ExportError.h"
#include "core/Error.h"
#include "model/ModelFile.h"
#include "model/ModelJson.h"
#include "nn/Network.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace layerlab::engine;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const model::Model m = model::ModelFile::parse(text, "fuzz.llmodel");
        if (m.network.inputs > 4096 || m.parameters.size() > (std::size_t(1) << 20)) return 0; // keep runs short
        nn::Network net(m.network);
        net.setParameters(m.parameters);
        Matrix row = Matrix::Zero(2, m.network.inputs);
        row.row(1).setConstant(std::numeric_limits<float>::quiet_NaN());
        const Matrix out = net.predict(row);
        if (out.cols() != m.network.outputs()) std::abort();
        const std::string once = model::ModelFile::toJson(m).dump();
        if (model::ModelFile::toJson(model::ModelFile::parse(once, "again")).dump() != once) std::abort();
        const std::string plain = model::ModelJson::toJson(m).dump();
        if (model::ModelJson::toJson(model::ModelFile::parse(plain, "again.json")).dump() != plain) std::abort();
        try {
            (void)layerlab::exporters::CHeaderExporter::toText(m, "fuzz");
        } catch (const layerlab::exporters::ExportError&) {
        }
    } catch (const Error&) {
        // A clear, typed error: what the loader promises for bad input.
    }
    return 0;
}
