#include "RunDiagnosis.h"

#include <cmath>
#include <cstdio>

namespace layerlab::engine::train {

std::string overfitting(std::span<const EpochReport> epochs) {
    std::size_t best = epochs.size();
    for (std::size_t i = 0; i < epochs.size(); ++i)
        if (std::isfinite(epochs[i].valLoss) && (best == epochs.size() || epochs[i].valLoss < epochs[best].valLoss)) best = i;
    if (best == epochs.size() || epochs.size() - 1 < best + std::size_t(kOverfitEpochs)) return {};
    const EpochReport& b = epochs[best];
    const EpochReport& last = epochs.back();
    if (!std::isfinite(last.valLoss) || last.valLoss < b.valLoss * 1.01 || !(last.trainLoss < b.trainLoss)) return {};
    char text[400];
    std::snprintf(text, sizeof text,
                  "overfitting: validation loss rose from %.4f (epoch %d) to %.4f (epoch %d) while training loss fell from "
                  "%.4f to %.4f: the network is learning the training rows rather than the pattern. Try early stopping "
                  "(patience), fewer units, more L2 or dropout, or more data",
                  b.valLoss, b.epoch, last.valLoss, last.epoch, b.trainLoss, last.trainLoss);
    return text;
}

} // namespace layerlab::engine::train
