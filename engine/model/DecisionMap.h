// Playground-style maps on the user's own data: the network's outputs (and every layer's) over a
// grid of two columns, with every other input held at a reference row. The two columns may be raw
// (their derived columns are recomputed per grid point: x/y on the court moves distance and angle)
// or derived (then set directly). Built off the GUI thread; the GUI turns it into QImages.
#pragma once

#include "Probe.h"
#include "data/DataSpec.h"
#include "data/Preprocessor.h"
#include "data/Table.h"

#include <string>
#include <vector>

namespace layerlab::engine::model {

struct MapAxes {
    std::string x, y;            ///< column names in the table (raw or derived)
    float xMin = 0, xMax = 1, yMin = 0, yMax = 1;
    int resolution = 64;         ///< cells per side
    std::size_t referenceRow = 0;
};

struct DecisionMap {
    MapAxes axes;
    /// Every layer's output over the grid, [resolution² × width]; row = iy * resolution + ix,
    /// iy = 0 at yMin. The last entry is the network's output (logits for the CE losses).
    std::vector<Matrix> layers;

    /// Range of a numeric table column over `rows` (min == max widened by ±1); NaN cells skipped.
    static std::pair<float, float> range(const data::Table& table, const std::string& column,
                                         std::span<const std::size_t> rows);
    /// Throws SpecError for an unknown column or a resolution outside 2..512 (a column no input depends on gives a flat map).
    static DecisionMap compute(const data::Table& table, const std::vector<data::DerivedColumn>& derived,
                               const data::Preprocessor& pre, Probe& probe, std::span<const float> parameters,
                               const MapAxes& axes, std::span<const float> state = {});
};

} // namespace layerlab::engine::model
