#include "Preprocessor.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>

namespace layerlab::engine::data {
namespace {

std::string kindName(TargetKind k) {
    switch (k) {
    case TargetKind::Classes: return "classes";
    case TargetKind::Binary: return "binary";
    case TargetKind::Regression: return "regression";
    }
    return "?";
}

[[noreturn]] void badCell(const Table& t, std::size_t col, std::size_t row, const std::string& why) {
    throw FileError(t.source(), t.rowLine(row), std::int64_t(col) + 1,
                    "column \"" + t.column(col).name + "\": " + why);
}

// Class labels in a natural order: numeric when every label is a number, else by text.
std::vector<std::string> sortedLabels(std::vector<std::string> labels) {
    const bool numeric = std::all_of(labels.begin(), labels.end(), [](const auto& l) { return Table::parseNumber(l).has_value(); });
    std::sort(labels.begin(), labels.end(), [&](const std::string& a, const std::string& b) {
        return numeric ? *Table::parseNumber(a) < *Table::parseNumber(b) : a < b;
    });
    return labels;
}

} // namespace

std::size_t Preprocessor::requireColumn(const Table& table, const std::string& name, const char* role) const {
    if (auto i = table.columnIndex(name)) return *i;
    std::string known;
    for (const auto& n : table.columnNames()) known += (known.empty() ? "" : ", ") + n;
    throw SpecError(table.source() + ": no " + role + " column named \"" + name + "\" (columns: " + known + ")");
}

Preprocessor Preprocessor::fit(const Table& table, std::vector<std::string> inputs, const std::string& target,
                               TargetKind kind, std::span<const std::size_t> trainRows) {
    Preprocessor p;
    p.m_target = target;
    p.m_kind = kind;
    const std::size_t targetCol = p.requireColumn(table, target, "target");
    if (inputs.empty()) {
        for (std::size_t i = 0; i < table.columnCount(); ++i) {
            if (i == targetCol) continue;
            if (table.column(i).isNumeric()) inputs.push_back(table.column(i).name);
            else p.m_skipped.push_back(table.column(i).name);
        }
        if (inputs.empty()) throw SpecError(table.source() + ": no numeric input columns besides the target \"" + target + "\"");
    }
    for (const auto& name : inputs) {
        const std::size_t col = p.requireColumn(table, name, "input");
        if (col == targetCol) throw SpecError("column \"" + name + "\" cannot be both an input and the target");
        const auto& c = table.column(col);
        double sum = 0.0, sq = 0.0;
        for (const std::size_t r : trainRows) {
            const float v = c.values[r];
            if (std::isnan(v)) badCell(table, col, r, c.isNumeric() || c.missing ? "missing value (LayerLab cannot fill gaps yet; remove the row)"
                                                                                 : "not a number: \"" + table.text(col, r) + "\"");
            sum += v;
            sq += double(v) * v;
        }
        const double n = std::max<double>(1.0, double(trainRows.size()));
        const double mean = sum / n;
        const double var = std::max(0.0, sq / n - mean * mean);
        p.m_inputs.push_back(name);
        p.m_mean.push_back(float(mean));
        p.m_scale.push_back(var > 1e-12 ? float(1.0 / std::sqrt(var)) : 1.0f); // constant column: only centred
    }
    if (kind != TargetKind::Regression) {
        std::vector<std::string> labels;
        for (std::size_t r = 0; r < table.rowCount(); ++r) {
            const std::string t = table.text(targetCol, r);
            if (t.empty()) badCell(table, targetCol, r, "missing target value");
            if (std::find(labels.begin(), labels.end(), t) == labels.end()) labels.push_back(t);
            if (labels.size() > 10000) badCell(table, targetCol, r, "more than 10000 distinct labels: is this a regression target? (use --loss mse)");
        }
        p.m_classes = sortedLabels(std::move(labels));
        if (p.m_classes.size() < 2) throw SpecError("target \"" + target + "\" has only one value; nothing to learn");
        if (kind == TargetKind::Binary && p.m_classes.size() != 2)
            throw SpecError("target \"" + target + "\" has " + std::to_string(p.m_classes.size()) +
                            " values; binary cross-entropy needs exactly two (use --loss ce)");
    }
    return p;
}

int Preprocessor::outputWidth() const { return m_kind == TargetKind::Classes ? int(m_classes.size()) : 1; }

Matrix Preprocessor::features(const Table& table, std::span<const std::size_t> rows) const {
    Matrix x(Eigen::Index(rows.size()), inputWidth());
    for (int j = 0; j < inputWidth(); ++j) {
        const std::size_t col = requireColumn(table, m_inputs[std::size_t(j)], "input");
        const auto& c = table.column(col);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const float v = c.values[rows[i]];
            if (std::isnan(v)) {
                const std::string t = table.text(col, rows[i]);
                badCell(table, col, rows[i], t.empty() ? "missing value" : "not a number: \"" + t + "\"");
            }
            x(Eigen::Index(i), j) = (v - m_mean[std::size_t(j)]) * m_scale[std::size_t(j)];
        }
    }
    return x;
}

void Preprocessor::scale(MatrixMap raw) const {
    for (int j = 0; j < inputWidth(); ++j)
        raw.col(j) = (raw.col(j).array() - m_mean[std::size_t(j)]) * m_scale[std::size_t(j)];
}

Matrix Preprocessor::targets(const Table& table, std::span<const std::size_t> rows) const {
    const std::size_t col = requireColumn(table, m_target, "target");
    const auto& c = table.column(col);
    Matrix y(Eigen::Index(rows.size()), 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t r = rows[i];
        if (m_kind == TargetKind::Regression) {
            if (std::isnan(c.values[r])) badCell(table, col, r, "target is not a number: \"" + table.text(col, r) + "\"");
            y(Eigen::Index(i), 0) = c.values[r];
            continue;
        }
        const std::string t = table.text(col, r);
        const auto it = std::find(m_classes.begin(), m_classes.end(), t);
        if (it == m_classes.end()) badCell(table, col, r, "label \"" + t + "\" was not seen in training");
        y(Eigen::Index(i), 0) = float(it - m_classes.begin());
    }
    return y;
}

Json Preprocessor::toJson() const {
    Json j = Json::object();
    Json inputs = Json::array();
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
        Json in = Json::object();
        in.set("column", m_inputs[i]);
        in.set("mean", double(m_mean[i]));
        in.set("scale", double(m_scale[i]));
        inputs.push(std::move(in));
    }
    j.set("inputs", std::move(inputs));
    Json target = Json::object();
    target.set("column", m_target);
    target.set("kind", kindName(m_kind));
    Json classes = Json::array();
    for (const auto& c : m_classes) classes.push(c);
    target.set("classes", std::move(classes));
    j.set("target", std::move(target));
    return j;
}

Preprocessor Preprocessor::fromJson(const Json& j) {
    Preprocessor p;
    for (const Json& in : j.at("inputs").asArray("preprocessing.inputs")) {
        p.m_inputs.push_back(in.at("column").asString("preprocessing.inputs[].column"));
        p.m_mean.push_back(float(in.at("mean").asNumber("preprocessing.inputs[].mean")));
        p.m_scale.push_back(float(in.at("scale").asNumber("preprocessing.inputs[].scale")));
    }
    const Json& t = j.at("target");
    p.m_target = t.at("column").asString("preprocessing.target.column");
    const std::string& kind = t.at("kind").asString("preprocessing.target.kind");
    if (kind == "classes") p.m_kind = TargetKind::Classes;
    else if (kind == "binary") p.m_kind = TargetKind::Binary;
    else if (kind == "regression") p.m_kind = TargetKind::Regression;
    else throw SpecError("preprocessing.target.kind: unknown kind \"" + kind + "\"");
    for (const Json& c : t.at("classes").asArray("preprocessing.target.classes")) p.m_classes.push_back(c.asString("class label"));
    if (p.m_kind == TargetKind::Binary && p.m_classes.size() != 2) throw SpecError("preprocessing: a binary target needs two classes");
    if (p.m_kind == TargetKind::Classes && p.m_classes.size() < 2) throw SpecError("preprocessing: a class target needs two or more classes");
    return p;
}

} // namespace layerlab::engine::data
