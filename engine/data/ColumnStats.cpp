#include "ColumnStats.h"

#include <algorithm>
#include <cmath>

namespace layerlab::engine::data {

ColumnStats ColumnStats::compute(const Table& table, std::size_t column, std::size_t topCount) {
    const Table::Column& c = table.column(column);
    ColumnStats s;
    s.missing = c.missing;
    s.present = std::int64_t(table.rowCount()) - c.missing;
    double sum = 0.0, sq = 0.0;
    std::int64_t n = 0;
    for (std::size_t r = 0; r < c.size(); ++r) {
        const float v = c.number(r);
        if (std::isnan(v)) continue;
        if (!s.min || v < *s.min) s.min = v;
        if (!s.max || v > *s.max) s.max = v;
        sum += v;
        ++n;
    }
    if (n > 0 && c.isNumeric()) {
        s.mean = sum / double(n);
        for (std::size_t r = 0; r < c.size(); ++r)
            if (const float v = c.number(r); !std::isnan(v)) sq += (v - *s.mean) * (v - *s.mean);
        s.stddev = std::sqrt(sq / double(n));
    } else {
        s.min.reset();
        s.max.reset();
    }
    if (c.hasLevels() && c.size() > 0) {
        std::vector<std::int64_t> counts(c.levelCount(), 0);
        for (std::size_t r = 0; r < c.size(); ++r) ++counts[c.code(r)];
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (counts[i] && !Table::isMissingText(c.level(i))) order.push_back(i);
        s.distinct = std::int64_t(order.size());
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
        for (std::size_t i = 0; i < std::min(topCount, order.size()); ++i) s.top.emplace_back(std::string(c.level(order[i])), counts[order[i]]);
    }
    return s;
}

Json ColumnStats::toJson() const {
    Json j = Json::object();
    j.set("present", present);
    j.set("missing", missing);
    if (min) j.set("min", *min);
    if (max) j.set("max", *max);
    if (mean) j.set("mean", *mean);
    if (stddev) j.set("std", *stddev);
    if (distinct >= 0) j.set("distinct", distinct);
    if (!top.empty()) {
        Json t = Json::array();
        for (const auto& [value, count] : top) {
            Json o = Json::object();
            o.set("value", value);
            o.set("count", count);
            t.push(std::move(o));
        }
        j.set("top", std::move(t));
    }
    return j;
}

} // namespace layerlab::engine::data
