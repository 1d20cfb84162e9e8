#include "InputScreen.h"

#include "Metrics.h"
#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>

namespace layerlab::engine::train {
namespace {

using data::Column;
using data::ColumnType;
using data::Table;

bool missingCell(const Column& c, std::size_t r) {
    return c.hasLevels() ? Table::isMissingText(c.level(c.code(r))) : std::isnan(c.number(r));
}

// A key that is equal exactly when two cells are: the level, else the float's bits.
std::uint32_t key(const Column& c, std::size_t r) {
    if (c.hasLevels()) return c.code(r);
    const float v = c.number(r);
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

std::string fixed3(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

std::string rowsText(std::size_t n) { return std::to_string(n) + " training rows"; }

// Average ranks (ties share the mean of their positions), for the rank correlation.
std::vector<double> ranks(const std::vector<float>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && v[order[j]] == v[order[i]]) ++j;
        for (std::size_t k = i; k < j; ++k) r[order[k]] = 0.5 * double(i + j - 1);
        i = j;
    }
    return r;
}

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = double(a.size());
    const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

// Each value of the input goes with one value of the target (up to one row in a thousand), and
// the values repeat (an id would pass trivially: one row per value).
std::string functionalMapping(std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs, const std::string& target) {
    std::sort(pairs.begin(), pairs.end());
    std::size_t groups = 0, repeated = 0, impure = 0, targets = 0;
    std::vector<std::uint32_t> seenTargets;
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i, best = 0;
        while (j < pairs.size() && pairs[j].first == pairs[i].first) {
            std::size_t k = j;
            while (k < pairs.size() && pairs[k] == pairs[j]) ++k;
            best = std::max(best, k - j);
            seenTargets.push_back(pairs[j].second);
            j = k;
        }
        ++groups;
        if (j - i >= 2) repeated += j - i;
        impure += (j - i) - best;
        i = j;
    }
    std::sort(seenTargets.begin(), seenTargets.end());
    targets = std::size_t(std::unique(seenTargets.begin(), seenTargets.end()) - seenTargets.begin());
    const std::size_t n = pairs.size();
    const auto allowed = std::size_t((1.0 - InputScreen::kNearPerfect) * double(n));
    if (groups < 2 || targets < 2 || double(repeated) < 0.9 * double(n) || impure > allowed) return {};
    return "each of its " + std::to_string(groups) + " values goes with a single value of \"" + target + "\"" +
           (impure ? " (all but " + std::to_string(impure) + " of " : " (on all ") + rowsText(n) + ")";
}

// Sorted by the input, the classes form one run each (thresholds on this column alone classify
// the rows), up to one row in a thousand out of place.
std::string thresholds(const std::vector<std::pair<float, std::uint32_t>>& sortedPairs, std::size_t classes, const std::string& target) {
    const std::size_t n = sortedPairs.size();
    const auto allowed = std::size_t((1.0 - InputScreen::kNearPerfect) * double(n));
    std::size_t runs = 0, impure = 0;
    std::uint32_t last = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        std::vector<std::uint32_t> tie;
        while (j < n && sortedPairs[j].first == sortedPairs[i].first) tie.push_back(sortedPairs[j++].second);
        std::sort(tie.begin(), tie.end());
        std::size_t best = 0;
        std::uint32_t label = tie[0];
        for (std::size_t a = 0; a < tie.size();) {
            std::size_t b = a;
            while (b < tie.size() && tie[b] == tie[a]) ++b;
            if (b - a > best) best = b - a, label = tie[a];
            a = b;
        }
        impure += tie.size() - best;
        if (runs == 0 || label != last) ++runs;
        last = label;
        i = j;
    }
    if (impure > allowed || runs > classes + 2 * allowed) return {};
    return "thresholds on it alone sort the " + std::to_string(classes) + " values of \"" + target + "\" (" + rowsText(n) + ")";
}

} // namespace

std::string InputScreen::identifiesRows(const Table& table, const data::ColumnInfo& info) {
    constexpr std::int64_t kMinRows = 20;
    if (info.type == ColumnType::Date || info.type == ColumnType::Boolean) return {};
    const Column& c = table.column(info.index);
    const std::int64_t present = std::int64_t(table.rowCount()) - c.missing;
    if (present < kMinRows) return {};
    if (!c.isNumeric()) {
        if (!c.hasLevels()) return {};
        std::int64_t distinct = 0;
        for (std::size_t k = 0; k < c.levelCount(); ++k) distinct += !Table::isMissingText(c.level(k));
        return distinct == present ? "a different value on each of its " + std::to_string(present) +
                                         " rows (an id or a name): nothing a model can learn from"
                                   : std::string();
    }
    if (info.type != ColumnType::Numeric || (c.hasLevels() && std::int64_t(c.levelCount()) < present)) return {};
    std::vector<float> v;
    v.reserve(std::size_t(present));
    for (std::size_t r = 0; r < c.size(); ++r)
        if (const float x = c.number(r); !std::isnan(x)) {
            if (x != std::floor(x)) return {}; // measurements, not ids
            v.push_back(x);
        }
    std::sort(v.begin(), v.end());
    if (std::adjacent_find(v.begin(), v.end()) != v.end()) return {};
    // Ids are dense (1..n, 21600001..): whole numbers spread far wider than the row count are
    // amounts that happen not to repeat.
    if (double(v.back()) - double(v.front()) + 1.0 > 4.0 * double(v.size())) return {};
    return "a different whole number on each of its " + std::to_string(present) + " rows, like a row number or an id";
}

InputScreen::Finding InputScreen::examine(const Table& table, const data::Schema& schema, std::size_t column,
                                          std::span<const std::size_t> trainRows) {
    Finding f;
    const data::ColumnInfo& info = schema.column(column);
    const data::ColumnInfo& targetInfo = schema.column(schema.target());
    f.identifiesRows = identifiesRows(table, info);
    const Column& in = table.column(column);
    const Column& t = table.column(schema.target());
    std::vector<std::size_t> rows;
    rows.reserve(trainRows.size());
    for (const std::size_t r : trainRows)
        if (!missingCell(in, r) && !missingCell(t, r)) rows.push_back(r);
    if (rows.size() < kMinRows) return f;
    const std::string& target = targetInfo.name;
    if (in.hasLevels()) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
        pairs.reserve(rows.size());
        for (const std::size_t r : rows) pairs.emplace_back(in.code(r), key(t, r));
        f.leak = functionalMapping(std::move(pairs), target);
        if (!f.leak.empty()) return f;
    }
    if (info.type != ColumnType::Numeric) return f;
    std::vector<float> x;
    x.reserve(rows.size());
    for (const std::size_t r : rows) x.push_back(in.number(r));
    if (std::any_of(x.begin(), x.end(), [](float v) { return std::isnan(v); })) return f; // a stray word
    std::vector<std::uint32_t> keys;
    keys.reserve(rows.size());
    for (const std::size_t r : rows) keys.push_back(key(t, r));
    std::vector<std::uint32_t> distinct = keys;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    constexpr std::size_t kClassLimit = 50;
    if (targetInfo.type == ColumnType::Numeric && distinct.size() > kClassLimit) {
        std::vector<float> y;
        y.reserve(rows.size());
        for (const std::size_t r : rows) y.push_back(t.number(r));
        if (std::any_of(y.begin(), y.end(), [](float v) { return std::isnan(v); })) return f;
        const double rho = pearson(ranks(x), ranks(y));
        if (std::abs(rho) >= kNearPerfect)
            f.leak = std::string(rho > 0 ? "rises" : "falls") + " with \"" + target + "\" row for row (rank correlation " +
                     fixed3(rho) + " on " + rowsText(rows.size()) + "): a transform of the target";
        return f;
    }
    if (distinct.size() < 2 || distinct.size() > kClassLimit) return f;
    if (distinct.size() == 2) {
        std::vector<int> positive(keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i) positive[i] = keys[i] == distinct[1];
        const double auc = rocAuc(x, positive);
        if (std::isfinite(auc) && std::max(auc, 1.0 - auc) >= kNearPerfect)
            f.leak = "separates the two values of \"" + target + "\" on its own (AUC " + fixed3(std::max(auc, 1.0 - auc)) +
                     " on " + rowsText(rows.size()) + ")";
        return f;
    }
    std::vector<std::pair<float, std::uint32_t>> sorted(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) sorted[i] = {x[i], keys[i]};
    std::sort(sorted.begin(), sorted.end());
    f.leak = thresholds(sorted, distinct.size(), target);
    return f;
}

void InputScreen::apply(data::Schema& schema, const Table& table, const data::DataSpec& spec,
                        std::span<const std::size_t> trainRows) {
    if (spec.sequence.kind == data::SequenceKind::Characters) return;
    const bool window = spec.sequence.kind == data::SequenceKind::Window;
    std::vector<std::pair<std::size_t, Finding>> found;
    std::size_t remaining = schema.inputs().size();
    for (std::size_t c = 0; c < schema.columns().size(); ++c) {
        if (c == schema.target()) continue;
        Finding f = examine(table, schema, c, trainRows);
        if (window) f.leak.clear();
        if (f.leak.empty() && f.identifiesRows.empty()) continue;
        const auto& inputs = schema.inputs();
        if (!data::Schema::roleChosen(spec, schema.column(c).name) && std::find(inputs.begin(), inputs.end(), c) != inputs.end())
            --remaining;
        found.emplace_back(c, std::move(f));
    }
    // When every input gives the answer away (a toy like O1, where `b` is the label), leaving them
    // all out would leave nothing to train: they stay, flagged, and every client warns.
    const bool leaveOut = remaining > 0;
    for (auto& [c, f] : found)
        schema.flag(c, std::move(f.leak), std::move(f.identifiesRows), leaveOut && !data::Schema::roleChosen(spec, schema.column(c).name));
}

} // namespace layerlab::engine::train
