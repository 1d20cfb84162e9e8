// What `train`'s flags (and a project file, or a checkpoint to resume) say about a run: the
// flags `train` takes and the ExperimentConfig they give. `sweep` builds each trial's config from
// the same flags, so a trial re-run alone with `train` and its printed flags is the same run.
#pragma once

#include "ArgParser.h"

#include "project/CheckpointFile.h"
#include "train/Experiment.h"

#include <optional>
#include <set>
#include <string>

namespace layerlab::app::cli {

/// Flags of `train` that take a value (the data flags included), and its switches.
std::set<std::string> trainValuedFlags();
std::set<std::string> trainSwitches();
/// The run the parsed flags describe. `resumed`: set to the checkpoint --resume names (its run is
/// the base the flags change). Throws UsageError for bad flags, FileError for a bad project.
engine::train::ExperimentConfig trainConfig(const ArgParser& a, std::optional<engine::project::CheckpointFile>* resumed = nullptr);

} // namespace layerlab::app::cli
