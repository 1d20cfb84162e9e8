#include "RunStore.h"

#include "core/Error.h"
#include "core/JsonWriter.h"
#include "io/AtomicFile.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace layerlab::engine::project {

namespace fs = std::filesystem;

namespace {
constexpr const char* kFormat = "layerlab.runs";

// JSON has no NaN: a figure a run does not have (no validation rows) is null.
Json number(double v) { return std::isfinite(v) ? Json(v) : Json(); }
double numberOr(const Json& j, const char* key) {
    const Json* v = j.find(key);
    return !v || v->isNull() ? NAN : v->asNumber(key);
}

Json entryJson(const RunEntry& e) {
    Json j = Json::object();
    j.set("id", e.id);
    j.set("name", e.name);
    if (e.parent) {
        j.set("parent", e.parent);
        j.set("parent_epoch", e.parentEpoch);
    }
    if (e.sweep) j.set("sweep", e.sweep);
    j.set("settings", e.settings.toJson());
    j.set("outcome", e.outcome);
    j.set("epochs", e.epochs);
    j.set("best_epoch", e.bestEpoch);
    j.set("best_val_loss", number(e.bestValLoss));
    j.set("final_val_loss", number(e.finalValLoss));
    j.set("metric", e.metric);
    j.set("best_val_metric", number(e.bestValMetric));
    j.set("final_val_metric", number(e.finalValMetric));
    j.set("seconds", number(e.seconds));
    j.set("samples_per_s", number(e.samplesPerSecond));
    return j;
}

RunEntry entryFrom(const Json& j, const std::string& source) {
    RunEntry e;
    e.id = int(j.at("id").asInt("id", 1, 1 << 30));
    e.name = j.at("name").asString("name");
    if (const Json* p = j.find("parent")) {
        e.parent = int(p->asInt("parent", 1, 1 << 30));
        e.parentEpoch = int(j.at("parent_epoch").asInt("parent_epoch", 0, 1 << 30));
    }
    if (const Json* s = j.find("sweep")) e.sweep = int(s->asInt("sweep", 1, 1 << 30));
    e.settings = Project::fromJson(j.at("settings"), source);
    e.outcome = j.at("outcome").asString("outcome");
    e.epochs = int(j.at("epochs").asInt("epochs", 0, 1 << 30));
    e.bestEpoch = int(j.at("best_epoch").asInt("best_epoch", 0, 1 << 30));
    e.bestValLoss = numberOr(j, "best_val_loss");
    e.finalValLoss = numberOr(j, "final_val_loss");
    e.metric = j.at("metric").asString("metric");
    e.bestValMetric = numberOr(j, "best_val_metric");
    e.finalValMetric = numberOr(j, "final_val_metric");
    e.seconds = numberOr(j, "seconds");
    e.samplesPerSecond = numberOr(j, "samples_per_s");
    return e;
}

std::uint64_t sizeOf(const fs::path& p) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
    std::uint64_t total = 0;
    if (fs::is_directory(p, ec))
        for (const auto& f : fs::recursive_directory_iterator(p, ec))
            if (f.is_regular_file(ec)) total += f.file_size(ec);
    return total;
}
} // namespace

bool RunEntry::operator==(const RunEntry& o) const { return entryJson(*this).dump(-1) == entryJson(o).dump(-1); }

std::string RunStore::folderFor(const std::string& projectPath) {
    fs::path p(projectPath);
    return (p.parent_path() / (p.stem().string() + ".runs")).string();
}

RunStore::RunStore(std::string folder) : m_folder(std::move(folder)) {
    const fs::path index = fs::path(m_folder) / "index.json";
    std::error_code ec;
    if (!fs::exists(index, ec)) return; // a new store: created by the first add()
    const std::string source = index.string();
    const Json j = Json::parse(io::readWholeFile(source), source);
    try {
        if (!j.find("format") || j.at("format").asString("format") != kFormat) throw SpecError("\"format\" is not \"" + std::string(kFormat) + "\"");
        if (j.at("version").asInt("version", 1, 1 << 20) > kVersion) throw SpecError("the run store is newer than this LayerLab reads");
        m_nextId = int(j.at("next_id").asInt("next_id", 1, 1 << 30));
        const auto& runs = j.at("runs").asArray("runs");
        for (std::size_t i = 0; i < runs.size(); ++i) {
            try {
                m_entries.push_back(entryFrom(runs[i], source));
            } catch (const SpecError& e) {
                throw SpecError("runs[" + std::to_string(i) + "]." + e.what());
            }
            if (m_entries.back().id >= m_nextId) throw SpecError("runs[" + std::to_string(i) + "].id is not below next_id");
        }
    } catch (const FileError&) {
        throw;
    } catch (const SpecError& e) {
        throw FileError(source, 0, 0, std::string("not a valid run store index: ") + e.what());
    }
}

const RunEntry* RunStore::entry(int id) const {
    for (const auto& e : m_entries)
        if (e.id == id) return &e;
    return nullptr;
}

std::string RunStore::recordPath(int id) const { return (fs::path(m_folder) / ("run-" + std::to_string(id) + ".json")).string(); }

std::string RunStore::checkpointFolder(int id) const { return (fs::path(m_folder) / "checkpoints" / std::to_string(id)).string(); }

void RunStore::writeIndex() const {
    Json j = Json::object();
    j.set("format", kFormat);
    j.set("version", kVersion);
    j.set("next_id", m_nextId);
    Json runs = Json::array();
    for (const auto& e : m_entries) runs.push(entryJson(e));
    j.set("runs", std::move(runs));
    io::writeFileAtomically((fs::path(m_folder) / "index.json").string(), j.dump(1));
}

int RunStore::add(RunEntry entry, const train::RunRecord& record) {
    std::error_code ec;
    fs::create_directories(m_folder, ec);
    if (ec) throw FileError(m_folder, 0, 0, "cannot create the run store: " + ec.message());
    entry.id = m_nextId;
    entry.settings.run.reset(); // the record holds the model; the table only what the run was
    const std::string path = recordPath(entry.id);
    io::writeFileAtomically(path, [&](const std::function<void(std::string_view)>& sink) {
        JsonWriter out(sink, -1);
        out.beginObject();
        record.write(out, "run");
        out.end();
    });
    ++m_nextId;
    m_entries.push_back(std::move(entry));
    writeIndex();
    return m_entries.back().id;
}

train::RunRecord RunStore::load(int id) const {
    const std::string path = recordPath(id);
    const Json j = Json::parse(io::readWholeFile(path), path);
    return train::RunRecord::fromJson(j.at("run"), path);
}

void RunStore::rename(int id, const std::string& name) {
    for (auto& e : m_entries)
        if (e.id == id) {
            if (e.name == name) return;
            e.name = name;
            writeIndex();
            return;
        }
}

std::uint64_t RunStore::bytes(const std::vector<int>& ids) const {
    std::uint64_t total = 0;
    for (const auto& e : m_entries)
        if (ids.empty() || std::find(ids.begin(), ids.end(), e.id) != ids.end())
            total += sizeOf(recordPath(e.id)) + sizeOf(checkpointFolder(e.id));
    return total;
}

std::uint64_t RunStore::remove(const std::vector<int>& ids) {
    const std::uint64_t freed = bytes(ids);
    std::vector<RunEntry> kept;
    for (auto& e : m_entries)
        if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) kept.push_back(std::move(e));
    m_entries = std::move(kept);
    writeIndex(); // first: a crash after this leaves files nobody names, never a name without a file
    std::error_code ec;
    for (const int id : ids) {
        fs::remove(recordPath(id), ec);
        fs::remove_all(checkpointFolder(id), ec);
    }
    return freed;
}

} // namespace layerlab::engine::project
