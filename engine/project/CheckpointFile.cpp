#include "CheckpointFile.h"

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "io/FloatBlock.h"

#include <cstdio>
#include <filesystem>

namespace layerlab::engine::project {

namespace {
constexpr const char* kFormat = "layerlab.checkpoint";

std::string hex(std::uint64_t v) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
    return text;
}

std::uint64_t fromHex(const Json& j, const std::string& what) {
    const std::string& s = j.asString(what);
    if (s.size() != 16 || s.find_first_not_of("0123456789abcdef") != std::string::npos) throw SpecError(what + " is not 16 hex digits");
    return std::stoull(s, nullptr, 16);
}
} // namespace

Project CheckpointFile::projectOf(const train::ExperimentConfig& config) {
    Project p;
    p.name = "checkpoint";
    p.data = config.data;
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(config.dataPath, ec);
    p.data.path = ec ? config.dataPath : absolute.lexically_normal().string();
    p.network = config.network;
    p.training = config.settings;
    return p;
}

Json CheckpointFile::toJson() const {
    const train::Checkpoint& c = checkpoint;
    Json j = Json::object();
    j.set("format", kFormat);
    j.set("version", kVersion);
    j.set("project", project.toJson());
    j.set("epoch", c.epoch);
    j.set("step", c.step);
    Json rng = Json::array();
    for (const auto v : c.rng) rng.push(hex(v));
    j.set("rng", std::move(rng));
    j.set("best_epoch", c.bestEpoch);
    j.set("best_loss", c.bestLoss);
    j.set("since_best", c.sinceBest);
    Json opt = Json::object();
    opt.set("kind", std::string(train::optimizerName(c.optimizer.kind)));
    opt.set("t", c.optimizer.t);
    opt.set("m", io::FloatBlock::toJson(c.optimizer.m));
    opt.set("v", io::FloatBlock::toJson(c.optimizer.v));
    j.set("optimizer", std::move(opt));
    j.set("parameters", io::FloatBlock::toJson(c.parameters));
    j.set("state", io::FloatBlock::toJson(c.state));
    j.set("best", io::FloatBlock::toJson(c.best));
    j.set("best_state", io::FloatBlock::toJson(c.bestState));
    return j;
}

void CheckpointFile::save(const std::string& path) const { io::writeFileAtomically(path, toJson().dump(-1)); }

CheckpointFile CheckpointFile::load(const std::string& path) { return fromJson(Json::parse(io::readWholeFile(path), path), path); }

CheckpointFile CheckpointFile::fromJson(const Json& j, const std::string& source) {
    try {
        if (!j.find("format") || j.at("format").asString("format") != kFormat)
            throw SpecError("not a LayerLab checkpoint (\"format\" is not \"" + std::string(kFormat) + "\")");
        const auto version = j.at("version").asInt("version", 1, 1 << 20);
        if (version > kVersion)
            throw SpecError("checkpoint version " + std::to_string(version) + " is newer than this LayerLab reads (" + std::to_string(kVersion) + ")");
        CheckpointFile f;
        f.project = Project::fromJson(j.at("project"), source);
        train::Checkpoint& c = f.checkpoint;
        c.epoch = int(j.at("epoch").asInt("epoch", 0, 1 << 30));
        c.step = j.at("step").asInt("step", 0, std::int64_t(1) << 62);
        const auto& rng = j.at("rng").asArray("rng");
        if (rng.size() != 4) throw SpecError("rng must hold 4 values");
        for (std::size_t k = 0; k < 4; ++k) c.rng[k] = fromHex(rng[k], "rng[" + std::to_string(k) + "]");
        c.bestEpoch = int(j.at("best_epoch").asInt("best_epoch", 0, c.epoch));
        c.bestLoss = j.at("best_loss").asNumber("best_loss");
        c.sinceBest = int(j.at("since_best").asInt("since_best", 0, 1 << 30));
        const Json& opt = j.at("optimizer");
        const auto kind = train::optimizerFromName(opt.at("kind").asString("optimizer.kind"));
        if (!kind) throw SpecError("optimizer.kind is not an optimizer LayerLab knows");
        c.optimizer.kind = *kind;
        c.optimizer.t = opt.at("t").asInt("optimizer.t", 0, std::int64_t(1) << 62);
        c.optimizer.m = io::FloatBlock::fromJson(opt.at("m"), "optimizer.m", io::FloatBlock::kAnyCount);
        c.optimizer.v = io::FloatBlock::fromJson(opt.at("v"), "optimizer.v", io::FloatBlock::kAnyCount);
        c.parameters = io::FloatBlock::fromJson(j.at("parameters"), "parameters", io::FloatBlock::kAnyCount);
        c.state = io::FloatBlock::fromJson(j.at("state"), "state", io::FloatBlock::kAnyCount);
        c.best = io::FloatBlock::fromJson(j.at("best"), "best", io::FloatBlock::kAnyCount);
        c.bestState = io::FloatBlock::fromJson(j.at("best_state"), "best_state", io::FloatBlock::kAnyCount);
        const std::size_t n = c.parameters.size();
        if (c.optimizer.m.size() != n && !c.optimizer.m.empty()) throw SpecError("optimizer.m holds " + std::to_string(c.optimizer.m.size()) + " values for " + std::to_string(n) + " parameters");
        if (!c.best.empty() && c.best.size() != n) throw SpecError("best holds " + std::to_string(c.best.size()) + " values for " + std::to_string(n) + " parameters");
        return f;
    } catch (const FileError&) {
        throw;
    } catch (const SpecError& e) {
        throw FileError(source, 0, 0, std::string("not a valid checkpoint: ") + e.what());
    }
}

} // namespace layerlab::engine::project
