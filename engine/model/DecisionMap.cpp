#include "DecisionMap.h"

#include "core/Error.h"
#include "data/DerivedColumns.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace layerlab::engine::model {

namespace {

bool isDerived(const std::vector<data::DerivedColumn>& derived, const std::string& name) {
    return std::any_of(derived.begin(), derived.end(), [&](const auto& d) { return d.name == name; });
}

float cellValue(int index, int resolution, float lo, float hi) {
    return resolution > 1 ? lo + (hi - lo) * float(index) / float(resolution - 1) : lo;
}

} // namespace

std::pair<float, float> DecisionMap::range(const data::Table& table, const std::string& column,
                                           std::span<const std::size_t> rows) {
    const auto col = table.columnIndex(column);
    if (!col) throw SpecError("no column \"" + column + "\" in " + table.source());
    const auto& values = table.column(*col);
    float lo = INFINITY, hi = -INFINITY;
    for (const std::size_t r : rows) {
        const float v = values.number(r);
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!(lo <= hi)) return {-1.0f, 1.0f};
    if (lo == hi) return {lo - 1.0f, hi + 1.0f};
    return {lo, hi};
}

DecisionMap DecisionMap::compute(const data::Table& table, const std::vector<data::DerivedColumn>& derived,
                                 const data::Preprocessor& pre, Probe& probe, std::span<const float> parameters,
                                 const MapAxes& axes, std::span<const float> state) {
    if (axes.resolution < 2 || axes.resolution > 512) throw SpecError("map resolution must be 2..512");
    if (axes.referenceRow >= table.rowCount()) throw SpecError("reference row out of range");
    for (const auto* name : {&axes.x, &axes.y})
        if (!table.columnIndex(*name)) throw SpecError("no column \"" + *name + "\" to map");
    const int n = axes.resolution;
    const std::size_t cells = std::size_t(n) * std::size_t(n);

    // A table of raw columns: the reference row everywhere, the raw axis columns varied.
    data::Table grid(table.source() + " (map grid)");
    std::vector<std::string> header;
    std::vector<std::size_t> source;
    for (std::size_t c = 0; c < table.columnCount(); ++c) {
        if (isDerived(derived, table.column(c).name)) continue;
        header.push_back(table.column(c).name);
        source.push_back(c);
    }
    grid.setHeader(header);
    std::vector<std::string> reference(header.size());
    for (std::size_t i = 0; i < source.size(); ++i) reference[i] = table.text(source[i], axes.referenceRow);
    std::vector<std::string> cellsText = reference;
    std::vector<std::string_view> views(header.size());
    char buffer[32];
    for (int iy = 0; iy < n; ++iy) {
        for (int ix = 0; ix < n; ++ix) {
            for (std::size_t i = 0; i < header.size(); ++i) {
                float v = 0;
                if (header[i] == axes.x) v = cellValue(ix, n, axes.xMin, axes.xMax);
                else if (header[i] == axes.y) v = cellValue(iy, n, axes.yMin, axes.yMax);
                else {
                    views[i] = reference[i];
                    continue;
                }
                std::snprintf(buffer, sizeof buffer, "%.9g", double(v));
                cellsText[i] = buffer;
                views[i] = cellsText[i];
            }
            grid.appendRow(views, std::int64_t(iy) * n + ix + 2);
        }
    }
    grid.finish();
    // Derived columns in order; a derived axis takes the grid values instead of its formula.
    for (const auto& d : derived) {
        if (d.name == axes.x || d.name == axes.y) {
            std::vector<float> v(cells);
            for (std::size_t k = 0; k < cells; ++k)
                v[k] = d.name == axes.x ? cellValue(int(k % std::size_t(n)), n, axes.xMin, axes.xMax)
                                        : cellValue(int(k / std::size_t(n)), n, axes.yMin, axes.yMax);
            grid.addColumn(d.name, std::move(v));
        } else {
            grid.addColumn(d.name, data::DerivedColumns::evaluate(grid, d));
        }
    }
    std::vector<std::size_t> rows(cells);
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    DecisionMap map;
    map.axes = axes;
    map.layers = probe.run(parameters, pre.features(grid, rows), state);
    return map;
}

} // namespace layerlab::engine::model
