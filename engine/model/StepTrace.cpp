#include "StepTrace.h"

#include "Probe.h"
#include "nn/RecurrentLayer.h"

#include <algorithm>

namespace layerlab::engine::model {

StepTrace StepTrace::compute(Probe& probe, std::span<const float> parameters, std::span<const float> input) {
    const nn::NetworkSpec& spec = probe.network().spec();
    StepTrace trace;
    for (std::size_t i = 0; i < spec.layers.size() && trace.layer < 0; ++i)
        if (spec.layers[i].type == nn::LayerType::Recurrent) trace.layer = int(i);
    if (trace.layer < 0) return trace;
    const int steps = spec.steps, features = spec.inputs / std::max(1, spec.steps);
    // Row k: the first k + 1 steps, the rest padded (only meaningful when padding is masked);
    // the last row is the whole input, whose states are drawn.
    const int rows = spec.masked ? steps : 1;
    Matrix x(rows, spec.inputs);
    for (int k = 0; k < rows; ++k) {
        std::copy(input.begin(), input.end(), x.row(k).data());
        if (spec.masked) x.row(k).tail(Eigen::Index(steps - 1 - k) * features).setZero();
    }
    const auto outputs = probe.run(parameters, x);
    const auto& layer = dynamic_cast<const nn::RecurrentLayer&>(probe.network().layer(trace.layer));
    trace.units = layer.units();
    trace.states.resize(layer.steps(), Eigen::Index(layer.units()) * layer.directions());
    for (int d = 0; d < layer.directions(); ++d)
        trace.states.middleCols(Eigen::Index(d) * layer.units(), layer.units()) =
            layer.states(d).middleRows(Eigen::Index(rows - 1) * layer.steps(), layer.steps());
    if (spec.masked) trace.outputs = outputs.back();
    for (int t = 0; t < steps; ++t) {
        const auto step = std::span<const float>(input).subspan(std::size_t(t) * features, std::size_t(features));
        trace.padding.push_back(spec.masked && std::all_of(step.begin(), step.end(), [](float v) { return v == 0.0f; }));
    }
    return trace;
}

} // namespace layerlab::engine::model
