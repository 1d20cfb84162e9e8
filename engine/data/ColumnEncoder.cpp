#include "ColumnEncoder.h"

#include "CellParsers.h"
#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace layerlab::engine::data {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
const char* kUnknown = "(unseen)"; // the slot for a level the training rows never had

[[noreturn]] void badCell(const Table& t, std::size_t col, std::size_t row, const std::string& why) {
    throw FileError(t.source(), t.rowLine(row), std::int64_t(col) + 1, "column \"" + t.column(col).name + "\": " + why);
}

// Calls f(level text) once per distinct level when the column keeps a dictionary, else once per
// row, and returns the per-row results. Factor and date columns are read through this.
template <typename T, typename F>
std::vector<T> mapCells(const Table& t, std::size_t col, std::span<const std::size_t> rows, F&& f) {
    const Table::Column& c = t.column(col);
    std::vector<T> out(rows.size());
    if (c.hasLevels()) {
        std::vector<std::optional<T>> perLevel(c.levelCount());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::uint32_t code = c.code(rows[i]);
            auto& slot = perLevel[code];
            if (!slot) slot = f(c.level(code), rows[i]);
            out[i] = *slot;
        }
    } else {
        for (std::size_t i = 0; i < rows.size(); ++i) out[i] = f(std::string_view(t.text(col, rows[i])), rows[i]);
    }
    return out;
}

std::string trimmed(std::string_view s) { return std::string(Table::trim(s)); }

} // namespace

std::size_t ColumnEncoder::requireColumn(const Table& table) const {
    if (auto i = table.columnIndex(m_column)) return *i;
    throw SpecError(table.source() + ": the model needs a column named \"" + m_column + "\", which this file lacks");
}

std::vector<float> ColumnEncoder::rawValues(const Table& t, std::size_t col, std::span<const std::size_t> rows) const {
    const Table::Column& c = t.column(col);
    switch (m_type) {
    case ColumnType::Boolean:
        return mapCells<float>(t, col, rows, [&](std::string_view s, std::size_t) {
            if (equalsIgnoringCase(s, m_true)) return 1.0f;
            if (equalsIgnoringCase(s, m_false)) return 0.0f;
            return kNaN; // missing, or a spelling never seen: filled like a missing value
        });
    case ColumnType::Date:
        return mapCells<float>(t, col, rows, [&](std::string_view s, std::size_t row) {
            if (Table::isMissingText(s)) return kNaN;
            const auto d = parseDate(s);
            if (!d) badCell(t, col, row, "not a date: \"" + std::string(s) + "\"");
            return float(*d);
        });
    case ColumnType::Numeric:
    case ColumnType::Factor: // level indices come from levelIndices(); here only its numbers would
    case ColumnType::Auto:   // never left after Schema::resolve
    case ColumnType::Text: {
        std::vector<float> out(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            out[i] = c.number(rows[i]);
            if (std::isnan(out[i]) && !c.isNumeric()) {
                const std::string text = t.text(col, rows[i]);
                if (!Table::isMissingText(text))
                    badCell(t, col, rows[i], "not a number: \"" + text + "\" (most of the column's cells are numbers: fix this "
                                             "cell, leave it empty to make it missing, or ignore the column)");
            }
        }
        return out;
    }
    }
}

std::size_t ColumnEncoder::levelIndex(std::string_view level) const {
    const auto it = std::lower_bound(m_vocabulary.begin(), m_vocabulary.end(), level);
    return it != m_vocabulary.end() && *it == level ? std::size_t(it - m_vocabulary.begin()) : m_vocabulary.size();
}

std::vector<std::size_t> ColumnEncoder::levelIndices(const Table& t, std::size_t col, std::span<const std::size_t> rows) const {
    const std::size_t unknown = m_vocabulary.size();
    const std::size_t fill = m_fillLevel.empty() ? unknown : levelIndex(m_fillLevel);
    return mapCells<std::size_t>(t, col, rows, [&](std::string_view s, std::size_t) {
        return Table::isMissingText(s) ? fill : levelIndex(trimmed(s));
    });
}

MissingPolicy ColumnEncoder::appliedMissing(ColumnType type, MissingPolicy chosen) {
    if (type != ColumnType::Factor) return chosen;
    switch (chosen) {
    case MissingPolicy::Mean:
    case MissingPolicy::Median:
    case MissingPolicy::MostFrequent: return MissingPolicy::MostFrequent;
    case MissingPolicy::Drop:
    case MissingPolicy::Constant: return chosen;
    }
    return chosen;
}

bool ColumnEncoder::isScaled(ColumnType type) { return type != ColumnType::Factor; }

ColumnEncoder ColumnEncoder::fit(const Table& table, const ColumnInfo& info, const DataSpec& spec,
                                 std::span<const std::size_t> trainRows) {
    ColumnEncoder e;
    e.m_column = info.name;
    e.m_type = info.type;
    if (e.m_type == ColumnType::Text || e.m_type == ColumnType::Auto)
        throw SpecError("column \"" + info.name + "\" is free text and cannot be an input: set its type to factor");
    const ColumnOptions* o = spec.options(info.name);
    e.m_missing = o && o->missing ? *o->missing : spec.missing;
    e.m_scaling = o && o->scaling ? *o->scaling : spec.scaling;
    e.m_encoding = o && o->encoding ? *o->encoding : spec.encoding;
    const bool wantIndicator = o && o->indicator ? *o->indicator : spec.indicators;
    const std::string fillText = o ? o->fill : std::string();
    const std::size_t col = info.index;

    if (e.m_type == ColumnType::Factor) {
        std::map<std::string, std::int64_t> counts;
        const Table::Column& c = table.column(col);
        std::int64_t missing = 0;
        if (c.hasLevels()) {
            std::vector<std::int64_t> perCode(c.levelCount(), 0);
            for (const std::size_t r : trainRows) ++perCode[c.code(r)];
            for (std::size_t k = 0; k < perCode.size(); ++k)
                if (perCode[k]) (Table::isMissingText(c.level(k)) ? missing : counts[std::string(c.level(k))]) += perCode[k];
        } else {
            for (const std::size_t r : trainRows) {
                const std::string t = table.text(col, r);
                (Table::isMissingText(t) ? missing : counts[t]) += 1;
            }
        }
        const int minCount = o && o->minCount ? *o->minCount : spec.minCount;
        std::string mostFrequent;
        std::int64_t best = 0;
        for (const auto& [level, n] : counts) {
            if (n >= minCount) e.m_vocabulary.push_back(level); // std::map: already sorted, as levelIndex needs
            if (n > best) best = n, mostFrequent = level;
        }
        e.m_fillLevel = e.m_missing == MissingPolicy::Constant ? fillText : mostFrequent;
        if (e.m_missing == MissingPolicy::Constant && fillText.empty())
            throw SpecError("column \"" + info.name + "\": the constant fill value is empty");
        e.m_indicator = wantIndicator && missing > 0;
        if (e.m_encoding == FactorEncoding::Embedding) {
            const int n = int(e.m_vocabulary.size()) + 1;
            e.m_dims = o && o->embeddingDims && *o->embeddingDims > 0
                           ? *o->embeddingDims
                           : std::clamp(int(std::lround(1.6 * std::pow(double(n), 0.56))), 2, 50);
        }
        return e;
    }

    if (e.m_type == ColumnType::Boolean) {
        e.m_true = info.trueValue;
        e.m_false = info.falseValue;
        e.m_scaling = Scaling::None; // 0/1 already
    }
    const std::vector<float> raw = e.rawValues(table, col, trainRows);
    std::vector<float> present;
    present.reserve(raw.size());
    for (const float v : raw)
        if (!std::isnan(v)) present.push_back(v);
    double sum = 0.0, sq = 0.0;
    for (const float v : present) sum += v;
    const double n = double(std::max<std::size_t>(present.size(), 1));
    const double mean = sum / n;
    for (const float v : present) sq += (v - mean) * (v - mean);
    switch (e.m_missing) {
    case MissingPolicy::Drop:
    case MissingPolicy::Mean: e.m_fill = float(mean); break;
    case MissingPolicy::Median:
        if (!present.empty()) {
            // The usual median: the middle value, or the mean of the two middle values.
            std::vector<float> v = present;
            const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
            std::nth_element(v.begin(), mid, v.end());
            const double upper = *mid;
            e.m_fill = v.size() % 2 ? float(upper) : float(0.5 * (double(*std::max_element(v.begin(), mid)) + upper));
        }
        break;
    case MissingPolicy::MostFrequent:
        if (!present.empty()) {
            std::vector<float> v = present;
            std::sort(v.begin(), v.end());
            std::size_t bestRun = 0;
            for (std::size_t i = 0; i < v.size();) {
                std::size_t j = i;
                while (j < v.size() && v[j] == v[i]) ++j;
                if (j - i > bestRun) bestRun = j - i, e.m_fill = v[i];
                i = j;
            }
        }
        break;
    case MissingPolicy::Constant: {
        std::optional<float> f;
        if (e.m_type == ColumnType::Boolean && !fillText.empty())
            f = equalsIgnoringCase(fillText, e.m_true) ? 1.0f : equalsIgnoringCase(fillText, e.m_false) ? 0.0f : Table::parseNumber(fillText);
        else if (e.m_type == ColumnType::Date) {
            if (auto d = parseDate(fillText)) f = float(*d);
        } else {
            f = Table::parseNumber(fillText);
        }
        if (!f && fillText.empty())
            throw SpecError("column \"" + info.name + "\": the constant missing-value policy needs a value to fill in (--fill " +
                            info.name + "=VALUE, or the Fill cell in the Data tab)");
        if (!f) throw SpecError("column \"" + info.name + "\": the constant fill value \"" + fillText + "\" is not a " + typeName(e.m_type) + " value");
        e.m_fill = *f;
        break;
    }
    }
    e.m_indicator = wantIndicator && present.size() < raw.size();
    if (e.m_scaling == Scaling::ZScore) {
        const double sd = std::sqrt(sq / n);
        e.m_offset = float(mean);
        e.m_scale = sd > 1e-12 ? float(1.0 / sd) : 1.0f; // a constant column is only centred
    } else if (e.m_scaling == Scaling::MinMax && !present.empty()) {
        const auto [lo, hi] = std::minmax_element(present.begin(), present.end());
        e.m_offset = *lo;
        e.m_scale = *hi - *lo > 1e-12f ? 1.0f / (*hi - *lo) : 1.0f;
    }
    return e;
}

ColumnEncoder ColumnEncoder::numeric(std::string column, float mean, float scale) {
    ColumnEncoder e;
    e.m_column = std::move(column);
    e.m_offset = mean;
    e.m_scale = scale;
    e.m_fill = mean;
    return e;
}

int ColumnEncoder::width() const {
    int w = 1;
    if (m_type == ColumnType::Factor && m_encoding == FactorEncoding::OneHot) w = int(m_vocabulary.size()) + 1;
    return w + (m_indicator ? 1 : 0);
}

std::vector<std::string> ColumnEncoder::featureNames() const {
    std::vector<std::string> names;
    if (m_type == ColumnType::Factor && m_encoding == FactorEncoding::OneHot) {
        for (const auto& v : m_vocabulary) names.push_back(m_column + "=" + v);
        names.push_back(m_column + "=" + kUnknown);
    } else {
        names.push_back(m_type == ColumnType::Factor ? m_column + " (index)" : m_column);
    }
    if (m_indicator) names.push_back(m_column + " (missing)");
    return names;
}

void ColumnEncoder::encode(const Table& table, std::span<const std::size_t> rows, Matrix& out, int offset) const {
    encode(table, requireColumn(table), rows, out, offset);
}

void ColumnEncoder::encode(const Table& table, std::size_t col, std::span<const std::size_t> rows, Matrix& out, int offset) const {
    const Eigen::Index n = Eigen::Index(rows.size());
    if (m_type == ColumnType::Factor) {
        const auto idx = levelIndices(table, col, rows);
        const int block = width() - (m_indicator ? 1 : 0);
        out.middleCols(offset, block).setZero();
        for (Eigen::Index i = 0; i < n; ++i) {
            if (m_encoding == FactorEncoding::OneHot) out(i, offset + Eigen::Index(idx[std::size_t(i)])) = 1.0f;
            else out(i, offset) = float(idx[std::size_t(i)]);
        }
        if (m_indicator) {
            const auto missing = mapCells<float>(table, col, rows, [](std::string_view s, std::size_t) { return Table::isMissingText(s) ? 1.0f : 0.0f; });
            for (Eigen::Index i = 0; i < n; ++i) out(i, offset + block) = missing[std::size_t(i)];
        }
        return;
    }
    if (m_type == ColumnType::Numeric && !m_indicator) {
        // The common case, without a vector per column: a wide file's rows are encoded batch by
        // batch (Dataset::encodedOnDemand), 100,000 columns of a few rows each.
        const Table::Column& c = table.column(col);
        for (Eigen::Index i = 0; i < n; ++i) {
            float v = c.number(rows[std::size_t(i)]);
            if (std::isnan(v)) {
                if (!c.isNumeric()) rawValues(table, col, rows.subspan(std::size_t(i), 1)); // throws on a word, names the cell
                v = m_fill;
            }
            out(i, offset) = (v - m_offset) * m_scale;
        }
        return;
    }
    const std::vector<float> raw = rawValues(table, col, rows);
    for (Eigen::Index i = 0; i < n; ++i) {
        const float v = raw[std::size_t(i)];
        const bool missing = std::isnan(v);
        out(i, offset) = ((missing ? m_fill : v) - m_offset) * m_scale;
        if (m_indicator) out(i, offset + 1) = missing ? 1.0f : 0.0f;
    }
}

Json ColumnEncoder::toJson() const {
    Json j = Json::object();
    j.set("column", m_column);
    j.set("type", typeName(m_type));
    j.set("missing", missingName(m_missing));
    j.set("indicator", m_indicator);
    if (m_type == ColumnType::Factor) {
        Json vocab = Json::array();
        for (const auto& v : m_vocabulary) vocab.push(v);
        j.set("vocabulary", std::move(vocab));
        j.set("fill_level", m_fillLevel.str());
        j.set("encoding", encodingName(m_encoding));
        if (m_encoding == FactorEncoding::Embedding) j.set("embedding_dims", m_dims);
        return j;
    }
    j.set("fill", double(m_fill));
    j.set("scaling", scalingName(m_scaling));
    j.set("offset", double(m_offset));
    j.set("scale", double(m_scale));
    if (m_type == ColumnType::Boolean) {
        j.set("true", m_true.str());
        j.set("false", m_false.str());
    }
    return j;
}

ColumnEncoder ColumnEncoder::fromJson(const Json& j) {
    ColumnEncoder e;
    e.m_column = j.at("column").asString("preprocessing.inputs[].column");
    const std::string at = "preprocessing.inputs." + e.m_column;
    auto pick = [&](auto parse, const char* key) {
        const std::string& s = j.at(key).asString(at + "." + key);
        const auto v = parse(s);
        if (!v) throw SpecError(at + "." + key + ": unknown value \"" + s + "\"");
        return *v;
    };
    e.m_type = pick(typeFromName, "type");
    if (e.m_type == ColumnType::Text || e.m_type == ColumnType::Auto) throw SpecError(at + ".type: not an input type");
    e.m_missing = pick(missingFromName, "missing");
    e.m_indicator = j.at("indicator").asBool(at + ".indicator");
    if (e.m_type == ColumnType::Factor) {
        for (const Json& v : j.at("vocabulary").asArray(at + ".vocabulary")) e.m_vocabulary.push_back(v.asString(at + ".vocabulary[]"));
        if (!std::is_sorted(e.m_vocabulary.begin(), e.m_vocabulary.end()) ||
            std::adjacent_find(e.m_vocabulary.begin(), e.m_vocabulary.end()) != e.m_vocabulary.end())
            throw SpecError(at + ".vocabulary must be sorted and without duplicates");
        e.m_fillLevel = j.at("fill_level").asString(at + ".fill_level");
        e.m_encoding = pick(encodingFromName, "encoding");
        if (e.m_encoding == FactorEncoding::Embedding) e.m_dims = int(j.at("embedding_dims").asInt(at + ".embedding_dims", 1, 4096));
        return e;
    }
    e.m_fill = float(j.at("fill").asNumber(at + ".fill"));
    e.m_scaling = pick(scalingFromName, "scaling");
    e.m_offset = float(j.at("offset").asNumber(at + ".offset"));
    e.m_scale = float(j.at("scale").asNumber(at + ".scale"));
    if (!std::isfinite(e.m_fill) || !std::isfinite(e.m_offset) || !std::isfinite(e.m_scale))
        throw SpecError(at + ": fill, offset and scale must be finite");
    if (e.m_type == ColumnType::Boolean) {
        e.m_true = j.at("true").asString(at + ".true");
        e.m_false = j.at("false").asString(at + ".false");
    }
    return e;
}

} // namespace layerlab::engine::data
