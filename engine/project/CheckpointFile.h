// A checkpoint on disk (.llckpt, JSON): the run it belongs to (its data, network and settings, as
// a project: `train --resume` rebuilds the same data, split and network from it) and the trainer's
// state between two epochs (train::Checkpoint): weights, BatchNorm statistics, the optimizer's
// moments, the generator, the counts and the best epoch so far. Floats are exact (base64 binary32,
// checksummed), so a resume with the same settings ends bit for bit where the run would have.
#pragma once

#include "Project.h"
#include "train/Trainer.h"

#include <string>

namespace layerlab::engine::project {

struct CheckpointFile {
    static constexpr int kVersion = 1;
    Project project;           ///< data path absolute; the loss resolved (never "from the target")
    train::Checkpoint checkpoint;

    /// The project a run of `config` stands for (what a checkpoint of it keeps).
    static Project projectOf(const train::ExperimentConfig& config);
    Json toJson() const;
    /// Atomic write.
    void save(const std::string& path) const;
    /// Throws FileError naming `path` and the key that is wrong.
    static CheckpointFile load(const std::string& path);
    static CheckpointFile fromJson(const Json& json, const std::string& source);
};

} // namespace layerlab::engine::project
