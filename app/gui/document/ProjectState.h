// The parts of a project edited outside the canvas: data settings and training settings.
// ProjectEditCommand swaps whole states, which keeps every panel's edit undoable with one class.
#pragma once

#include "data/DataSpec.h"
#include "train/TrainSettings.h"

#include <string>

namespace layerlab::app::document {

struct ProjectState {
    std::string name;
    engine::data::DataSpec data;
    engine::train::TrainSettings training;
};

} // namespace layerlab::app::document
