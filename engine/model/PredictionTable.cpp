#include "PredictionTable.h"

#include "Predictor.h"

#include <algorithm>


namespace layerlab::engine::model {
namespace {

std::string quoted(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

} // namespace

PredictionTable PredictionTable::compute(const Model& model, const data::Table& table) {
    PredictionTable t;
    // A window model predicts from each row that has a full window behind it (the last one
    // forecasts the row after the file ends).
    t.m_rows = model.preprocessing.sampleRows(table, false);
    Predictor predictor(model);
    const Matrix logits = predictor.logits(table, t.m_rows);
    for (Eigen::Index r = 0; r < logits.rows(); ++r)
        if (!logits.row(r).allFinite()) t.m_nonFinite.push_back(std::size_t(r));
    const auto& pre = model.preprocessing;
    t.m_inputColumns = pre.inputs();
    if (pre.targetKind() != data::TargetKind::Regression) {
        t.m_classes = pre.classes();
        t.m_header.push_back("predicted");
        for (const auto& c : t.m_classes) t.m_header.push_back("p_" + c);
        t.m_predicted = predictor.predictedClasses(logits);
        t.m_values = predictor.probabilities(logits);
        for (const std::size_t r : t.m_nonFinite) t.m_predicted[r] = -1;
    } else {
        for (Eigen::Index c = 0; c < logits.cols(); ++c) t.m_header.push_back("predicted_" + pre.target());
        t.m_values = logits;
    }
    return t;
}

std::string PredictionTable::cell(std::size_t row, std::size_t column) const {
    const auto r = Eigen::Index(row);
    if (std::binary_search(m_nonFinite.begin(), m_nonFinite.end(), row)) return {};
    if (m_predicted.empty()) return data::Table::formatNumber(m_values(r, Eigen::Index(column)));
    if (column == 0) return m_classes[std::size_t(m_predicted[row])];
    return data::Table::formatNumber(m_values(r, Eigen::Index(column - 1)));
}

int PredictionTable::predictedClass(std::size_t row) const { return m_predicted.empty() ? -1 : m_predicted[row]; }

std::string PredictionTable::describeNonFinite(const data::Table& table, std::size_t shown) const {
    std::string s;
    for (std::size_t i = 0; i < m_nonFinite.size() && i < shown; ++i)
        s += (i ? ", line " : "line ") + std::to_string(table.rowLine(m_rows[m_nonFinite[i]]));
    if (m_nonFinite.size() > shown) s += " and " + std::to_string(m_nonFinite.size() - shown) + " more";
    return s;
}

std::string PredictionTable::toCsv(const data::Table* inputs) const {
    std::vector<std::size_t> columns;
    if (inputs)
        for (const auto& name : m_inputColumns)
            if (const auto i = inputs->columnIndex(name)) columns.push_back(*i);
    std::string csv;
    auto line = [&](auto&& first, auto&& rest) {
        bool sep = false;
        for (const std::size_t c : columns) csv += (sep ? "," : "") + quoted(first(c)), sep = true;
        for (std::size_t c = 0; c < m_header.size(); ++c) csv += (sep ? "," : "") + quoted(rest(c)), sep = true;
        csv += '\n';
    };
    line([&](std::size_t c) { return inputs->column(c).name; }, [&](std::size_t c) { return m_header[c]; });
    for (std::size_t r = 0; r < rowCount(); ++r)
        line([&](std::size_t c) { return inputs->text(c, m_rows[r]); }, [&](std::size_t c) { return cell(r, c); });
    return csv;
}

} // namespace layerlab::engine::model
