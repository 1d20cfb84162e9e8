#include "ModelFile.h"

#include "ModelJson.h"

#include "core/Error.h"
#include "core/JsonWriter.h"
#include "io/AtomicFile.h"
#include "io/FloatBlock.h"
#include "io/FloatCodec.h"
#include "nn/Network.h"

#include <cmath>
#include <set>

namespace layerlab::engine::model {

namespace {

// toJson()'s members before "preprocessing" and after it: one definition for both writers.
Json headJson(const Model& model) {
    Json j = Json::object();
    j.set("format", "layerlab.model");
    j.set("version", ModelFile::kVersion);
    j.set("loss", std::string(nn::lossName(model.loss)));
    j.set("network", model.network.toJson());
    return j;
}

Json floatsJson(const std::vector<float>& values) { return io::FloatBlock::toJson(values); }

Json tailJson(const Model& model) {
    Json j = Json::object();
    j.set("parameters", floatsJson(model.parameters));
    // BatchNorm's running statistics: not trained, but part of the model.
    if (!model.state.empty()) j.set("state", floatsJson(model.state));
    j.set("provenance", model.provenance);
    return j;
}

} // namespace

Json ModelFile::toJson(const Model& model) {
    Json j = headJson(model);
    j.set("preprocessing", model.preprocessing.toJson());
    const Json tail = tailJson(model);
    for (const auto& [key, value] : tail.asObject()) j.set(key, value);
    return j;
}

void ModelFile::save(const std::string& path, const Model& model) {
    // Written piece by piece, the same text as toJson(model).dump(1): a wide file's model held
    // its encoders as a tree and a string, 89 MB for a 41 MB file, before anything was written.
    io::writeFileAtomically(path, [&](const std::function<void(std::string_view)>& write) {
        JsonWriter out(write, 1);
        out.beginObject();
        writeMembers(out, model);
        out.end();
    });
}

void ModelFile::writeMembers(JsonWriter& out, const Model& model) {
    const Json head = headJson(model); // named: a temporary's members would dangle in the loop
    for (const auto& [key, value] : head.asObject()) out.member(key, value);
    model.preprocessing.write(out, "preprocessing");
    const Json tail = tailJson(model);
    for (const auto& [key, value] : tail.asObject()) out.member(key, value);
}

namespace {

// Fields that parse but contradict each other: a loss that does not fit the target, two classes
// with one name, an input read twice. Loading such a file would give wrong figures (a ce model
// edited to bce once reported accuracy 0.0251) or blame an exporter for the file's fault.
template <typename Bad>
void checkMeaning(const Model& m, const Bad& bad) {
    const auto& pre = m.preprocessing;
    const char* needs = nullptr;
    switch (pre.targetKind()) {
    case data::TargetKind::Classes:
        if (m.loss != nn::LossKind::SoftmaxCrossEntropy) needs = "ce";
        break;
    case data::TargetKind::Binary:
        if (m.loss != nn::LossKind::BinaryCrossEntropy) needs = "bce";
        break;
    case data::TargetKind::Regression:
        if (m.loss != nn::LossKind::Mse && m.loss != nn::LossKind::Huber) needs = "mse or huber";
        break;
    }
    if (needs)
        throw bad("\"loss\" is \"" + std::string(nn::lossName(m.loss)) + "\" but preprocessing.target.kind is \"" +
                  data::targetKindName(pre.targetKind()) + "\", which is trained with " + needs);
    std::set<std::string> seen;
    for (const auto& c : pre.classes())
        if (!seen.insert(c).second) throw bad("preprocessing.target.classes lists \"" + c + "\" twice");
    seen.clear();
    for (const auto& name : pre.inputs())
        if (!seen.insert(name).second) throw bad("preprocessing.inputs lists the column \"" + name + "\" twice");
    if (pre.sequence() != data::SequenceKind::Window && seen.count(pre.target())) throw bad("preprocessing: the target \"" + pre.target() + "\" is also an input");
}

} // namespace

Model ModelFile::readDescription(const Json& j, const std::string& format, int maxVersion, const std::string& source) {
    auto bad = [&](const std::string& why) { return FileError(source, 0, 0, "not a valid model: " + why); };
    try {
        if (!j.isObject() || !j.find("format") || j.at("format").asString("format") != format)
            throw bad("missing \"format\": \"" + format + "\"");
        const auto version = j.at("version").asInt("version", 1, 1'000'000);
        if (version > maxVersion)
            throw bad("version " + std::to_string(version) + " is newer than this LayerLab reads (" + std::to_string(maxVersion) + ")");
        Model m;
        const std::string& lossName = j.at("loss").asString("loss");
        const auto loss = nn::lossFromName(lossName);
        if (!loss) throw bad("unknown loss \"" + lossName + "\"");
        m.loss = *loss;
        m.network = nn::NetworkSpec::fromJson(j.at("network"));
        m.preprocessing = data::Preprocessor::fromJson(j.at("preprocessing"));
        if (const Json* p = j.find("provenance")) m.provenance = *p;
        checkMeaning(m, bad);
        // Shapes must agree before any weight is trusted.
        if (m.network.inputs != m.preprocessing.inputWidth())
            throw bad("network.inputs is " + std::to_string(m.network.inputs) + " but preprocessing.inputs encode " +
                      std::to_string(m.preprocessing.inputWidth()) + " columns");
        if (m.network.outputs() != m.preprocessing.outputWidth())
            throw bad("network.layers end in " + std::to_string(m.network.outputs()) + " outputs but preprocessing.target needs " +
                      std::to_string(m.preprocessing.outputWidth()));
        return m;
    } catch (const SpecError& e) {
        throw bad(e.what());
    }
}

Model ModelFile::fromJson(const Json& j, const std::string& source) {
    auto bad = [&](const std::string& why) { return FileError(source, 0, 0, "not a valid model: " + why); };
    Model m = readDescription(j, "layerlab.model", kVersion, source);
    try {
        const nn::Network shape(m.network);
        const Json& params = j.at("parameters");
        const auto count = params.at("count").asInt("parameters.count", 0, std::int64_t(1) << 40);
        if (std::size_t(count) != shape.parameterCount())
            throw bad("parameters.count is " + std::to_string(count) + " but the network has " +
                      std::to_string(shape.parameterCount()) + " parameters");
        if (params.at("encoding").asString("parameters.encoding") != "base64-float32le") throw bad("parameters.encoding is not \"base64-float32le\"");
        auto values = io::decodeFloats(params.at("data").asString("parameters.data"));
        if (!values) throw bad("parameters.data is not valid base64 float32 data");
        if (values->size() != shape.parameterCount())
            throw bad("parameters.data holds " + std::to_string(values->size()) + " values, expected " + std::to_string(count));
        if (io::checksum(*values) != params.at("checksum").asString("parameters.checksum"))
            throw bad("parameters.checksum does not match parameters.data: the file is damaged");
        for (const float v : *values)
            if (!std::isfinite(v)) throw bad("parameters contain NaN or infinity");
        m.parameters = std::move(*values);
        const std::size_t states = shape.state().size();
        const Json* state = j.find("state");
        if (states > 0 && !state) throw bad("\"state\" is missing: the network keeps " + std::to_string(states) + " statistics (batchnorm)");
        if (state) {
            if (states == 0) throw bad("\"state\" is given but the network keeps no statistics");
            const auto n = state->at("count").asInt("state.count", 0, std::int64_t(1) << 40);
            if (std::size_t(n) != states)
                throw bad("state.count is " + std::to_string(n) + " but the network keeps " + std::to_string(states) + " values");
            if (state->at("encoding").asString("state.encoding") != "base64-float32le") throw bad("state.encoding is not \"base64-float32le\"");
            auto stats = io::decodeFloats(state->at("data").asString("state.data"));
            if (!stats || stats->size() != states) throw bad("state.data is not " + std::to_string(states) + " base64 float32 values");
            if (io::checksum(*stats) != state->at("checksum").asString("state.checksum"))
                throw bad("state.checksum does not match state.data: the file is damaged");
            for (const float v : *stats)
                if (!std::isfinite(v)) throw bad("state contains NaN or infinity");
            m.state = std::move(*stats);
        }
        return m;
    } catch (const SpecError& e) {
        throw bad(e.what());
    }
}

Model ModelFile::load(const std::string& path) {
    return parse(io::readWholeFile(path), path);
}

Model ModelFile::parse(std::string_view text, const std::string& source) {
    const std::string& path = source;
    // Binary or other text: say what a model file is rather than where JSON parsing broke.
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; // Json::parse skips it too
    const auto first = text.find_first_not_of(" \t\r\n", bom);
    if (first == std::string_view::npos || text[first] != '{')
        throw FileError(path, 0, 0, "not a LayerLab model (a .llmodel file or a JSON export); ONNX files and C headers "
                                    "are exports for other programs and cannot be opened as models");
    const Json json = Json::parse(text, path);
    // The documented plain-JSON export reads back as the same model.
    if (const Json* f = json.isObject() ? json.find("format") : nullptr; f && f->isString() && f->asString() == ModelJson::kFormat)
        return ModelJson::fromJson(json, path);
    return fromJson(json, path);
}

} // namespace layerlab::engine::model
