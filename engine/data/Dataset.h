// Model-ready rows: features [rows × inputs] after preprocessing, targets [rows × k]
// (class index in column 0 for softmax cross-entropy).
#pragma once

#include "core/Tensor.h"

namespace layerlab::engine::data {

struct Dataset {
    Matrix features;
    Matrix targets;
    Eigen::Index size() const { return features.rows(); }
};

} // namespace layerlab::engine::data
