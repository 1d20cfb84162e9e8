#include "Project.h"

#include "AtomicFile.h"
#include "core/Error.h"

#include <filesystem>

namespace layerlab::engine::io {

std::string Project::resolvedDataPath() const {
    const std::filesystem::path data(dataPath);
    if (data.is_absolute() || file.empty()) return dataPath;
    return (std::filesystem::path(file).parent_path() / data).lexically_normal().string();
}

Json Project::toJson() const {
    Json j = Json::object();
    j.set("format", "layerlab.project");
    j.set("version", kVersion);
    j.set("name", name);
    Json d = Json::object();
    d.set("path", dataPath);
    d.set("target", target);
    Json in = Json::array();
    for (const auto& i : inputs) in.push(i);
    d.set("inputs", std::move(in));
    d.set("validation", validation);
    d.set("test", test);
    j.set("data", std::move(d));
    j.set("network", network.toJson());
    j.set("training", training.toJson());
    return j;
}

Project Project::fromJson(const Json& j, const std::string& source) {
    try {
        if (!j.isObject() || !j.find("format") || j.at("format").asString("format") != "layerlab.project")
            throw SpecError("missing \"format\": \"layerlab.project\"");
        const auto version = j.at("version").asInt("version", 1, 1'000'000);
        if (version > kVersion)
            throw SpecError("version " + std::to_string(version) + " is newer than this LayerLab reads (" +
                            std::to_string(kVersion) + ")");
        Project p;
        p.file = source;
        if (const Json* n = j.find("name")) p.name = n->asString("name");
        const Json& d = j.at("data");
        p.dataPath = d.at("path").asString("data.path");
        p.target = d.at("target").asString("data.target");
        if (const Json* in = d.find("inputs"))
            for (const Json& i : in->asArray("data.inputs")) p.inputs.push_back(i.asString("data.inputs[]"));
        if (const Json* v = d.find("validation")) p.validation = v->asNumber("data.validation");
        if (const Json* v = d.find("test")) p.test = v->asNumber("data.test");
        if (!(p.validation >= 0 && p.test >= 0 && p.validation + p.test < 1))
            throw SpecError("data.validation and data.test must be >= 0 and sum to less than 1");
        p.network = nn::NetworkSpec::fromJson(j.at("network"));
        if (const Json* t = j.find("training")) p.training = train::TrainSettings::fromJson(*t);
        return p;
    } catch (const SpecError& e) {
        throw FileError(source, 0, 0, std::string("not a valid project: ") + e.what());
    }
}

Project Project::load(const std::string& path) { return fromJson(Json::parse(readWholeFile(path), path), path); }

void Project::save(const std::string& path) {
    // Keep the data path valid relative to the new location.
    const std::string data = resolvedDataPath();
    file = path;
    if (!data.empty() && !std::filesystem::path(dataPath).is_absolute()) {
        const auto folder = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
        dataPath = std::filesystem::absolute(data).lexically_relative(folder).string();
    }
    writeFileAtomically(path, toJson().dump(2));
}

} // namespace layerlab::engine::io
