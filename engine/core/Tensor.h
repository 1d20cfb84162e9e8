// Matrix types shared by the whole engine.
// A batch is a row-major matrix: one sample per row, one feature per column ([batch × features]).
// Layers read and write through Eigen::Map views over buffers they own, so a training step never
// allocates.
#pragma once

#include <Eigen/Core>

namespace layerlab::engine {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using Vector = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using RowVectorMap = Eigen::Map<Eigen::Matrix<float, 1, Eigen::Dynamic>>;
using ConstRowVectorMap = Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>>;

} // namespace layerlab::engine
