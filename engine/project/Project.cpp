#include "Project.h"

#include "io/AtomicFile.h"
#include "core/Error.h"

#include <filesystem>

namespace layerlab::engine::project {

std::string Project::resolvedDataPath() const {
    const std::filesystem::path path(data.path);
    if (path.is_absolute() || file.empty()) return data.path;
    return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

namespace {

// Every member but the run: one definition for toJson() and write().
Json settingsJson(const Project& p) {
    Json j = Json::object();
    j.set("format", "layerlab.project");
    j.set("version", Project::kVersion);
    j.set("name", p.name);
    j.set("data", p.data.toJson());
    j.set("network", p.network.toJson());
    j.set("training", p.training.toJson());
    return j;
}

void writeMembers(JsonWriter& out, const Project& p) {
    const Json settings = settingsJson(p); // named: the loop reads its members
    for (const auto& [key, value] : settings.asObject()) out.member(key, value);
    if (p.run) p.run->write(out, "run");
}

} // namespace

Json Project::toJson() const {
    Json j = settingsJson(*this);
    if (run) j.set("run", run->toJson());
    return j;
}

void Project::write(JsonWriter& out) const {
    out.beginObject();
    writeMembers(out, *this);
    out.end();
}

void Project::write(JsonWriter& out, std::string_view key) const {
    out.beginObject(key);
    writeMembers(out, *this);
    out.end();
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
        p.data = data::DataSpec::fromJson(j.at("data"));
        p.network = nn::NetworkSpec::fromJson(j.at("network"));
        if (const Json* t = j.find("training")) p.training = train::TrainSettings::fromJson(*t);
        if (const Json* r = j.find("run"); r && !r->isNull()) p.run = train::RunRecord::fromJson(*r, source);
        return p;
    } catch (const SpecError& e) {
        throw FileError(source, 0, 0, std::string("not a valid project: ") + e.what());
    }
}

Project Project::load(const std::string& path) { return fromJson(Json::parse(io::readWholeFile(path), path), path); }

void Project::save(const std::string& path) {
    // Keep the data path valid relative to the new location.
    const std::string resolved = resolvedDataPath();
    file = path;
    if (!resolved.empty() && !std::filesystem::path(data.path).is_absolute()) {
        const auto folder = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
        data.path = std::filesystem::absolute(resolved).lexically_relative(folder).string();
    }
    io::writeFileAtomically(path, [&](const std::function<void(std::string_view)>& sink) {
        JsonWriter out(sink, 2);
        write(out);
    });
}

train::ExperimentConfig experimentConfig(const Project& project) {
    train::ExperimentConfig c;
    c.dataPath = project.resolvedDataPath();
    c.data = project.data;
    c.network = project.network;
    c.settings = project.training;
    return c;
}

} // namespace layerlab::engine::project
