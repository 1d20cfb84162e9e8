// The work behind the live views, as pure functions of an experiment (read-only once prepared)
// and a parameter snapshot. Each runs on a pool thread with its own Probe, never touching the
// network that is training.
#pragma once

#include "Inspection.h"
#include "style/Colormap.h"
#include "train/Experiment.h"

namespace layerlab::app::training {

class InspectionJobs {
public:
    /// Activations for table row `sampleRow` and for up to `batchRows` validation rows.
    static std::shared_ptr<const Activity> activity(const engine::train::Experiment& experiment,
                                                    std::shared_ptr<const engine::train::ParameterSnapshot> parameters,
                                                    std::size_t sampleRow, int batchRows);
    /// The decision map over `axes`, rendered `pixels` wide, with up to `points` training rows drawn.
    static std::shared_ptr<const MapPicture> map(const engine::train::Experiment& experiment,
                                                 const engine::train::ParameterSnapshot& parameters,
                                                 const engine::model::MapAxes& axes, bool neuronMaps,
                                                 const widgets::style::Colormap& colors, int pixels, int points);
    /// Judgement of the validation rows (or the test rows).
    static std::shared_ptr<const Verdict> verdict(const engine::train::Experiment& experiment,
                                                  const engine::train::ParameterSnapshot& parameters, bool onTest);
};

} // namespace layerlab::app::training
