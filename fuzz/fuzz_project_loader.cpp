// libFuzzer target for the project-file loader (what the workbench's Open and the CLI read) and
// the checkpoint loader (`train --resume`, a project plus a run's state): any bytes give a Project
// (or a checkpoint) or a typed engine error naming the problem, never a crash, a hang or an
// out-of-bounds access. What loads is also written back and read again, which must give the same
// JSON (the save -> open round trip).
#include "core/Error.h"
#include "core/Json.h"
#include "project/CheckpointFile.h"
#include "project/Project.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace layerlab::engine;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const project::Project p = project::Project::fromJson(Json::parse(text, "fuzz.layerlab"), "fuzz.layerlab");
        const std::string once = p.toJson().dump();
        const project::Project again = project::Project::fromJson(Json::parse(once, "again"), "again");
        if (again.toJson().dump() != once) std::abort(); // a saved project must read back the same
        try {
            (void)p.network.shapes();
        } catch (const Error&) {
        }
    } catch (const Error&) {
        // A clear, typed error: what the loader promises for bad input.
    }
    try {
        const project::CheckpointFile c = project::CheckpointFile::fromJson(Json::parse(text, "fuzz.llckpt"), "fuzz.llckpt");
        const std::string once = c.toJson().dump();
        if (project::CheckpointFile::fromJson(Json::parse(once, "again"), "again").toJson().dump() != once) std::abort();
    } catch (const Error&) {
    }
    return 0;
}
