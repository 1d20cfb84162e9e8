// A LayerLab project (.layerlab): which data, which columns, which network, which training
// settings. JSON with a versioned schema; the data path is stored relative to the project file.
// Version 2 added the data section's column settings, derived columns and split kind; version 1
// files read as before. An optional "run" section keeps the last run (model + curves).
// The top layer of the engine: core < data, nn < io < model < train < project.
#pragma once

#include "core/Json.h"
#include "core/JsonWriter.h"
#include "data/DataSpec.h"
#include "nn/NetworkSpec.h"
#include "train/Experiment.h"
#include "train/RunRecord.h"
#include "train/TrainSettings.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::project {

struct Project {
    static constexpr int kVersion = 2;
    std::string name;
    data::DataSpec data;              ///< data.path as written (relative to the project's folder)
    nn::NetworkSpec network;          ///< inputs and the last layer's width may be 0 (= from data)
    train::TrainSettings training;
    std::optional<train::RunRecord> run; ///< the last run's model and curves, when one was kept
    std::string file;                 ///< where it was loaded from; not saved

    /// dataPath resolved against the project's folder.
    std::string resolvedDataPath() const;

    Json toJson() const;
    /// toJson()'s text, written piece by piece at the writer's indent (the kept run's model is never
    /// one tree or one string): what save() writes.
    void write(JsonWriter& out) const;
    /// The same, as member `key` of the object `out` has open (a recovery file wraps a project).
    void write(JsonWriter& out, std::string_view key) const;
    /// Throws FileError naming `source` and the bad key.
    static Project fromJson(const Json& json, const std::string& source);
    static Project load(const std::string& path);
    /// Atomic save; sets `file`.
    void save(const std::string& path);
};

/// Everything a project file says about a run (data path resolved against the project).
train::ExperimentConfig experimentConfig(const Project& project);

} // namespace layerlab::engine::project
