#include "Dataset.h"

#include "Preprocessor.h"
#include "Table.h"

#include <algorithm>

namespace layerlab::engine::data {

Dataset Dataset::encodedOnDemand(const Table& table, const Preprocessor& pre, std::vector<std::size_t> rows, Matrix targets) {
    Dataset d;
    d.targets = std::move(targets);
    d.m_source = std::make_shared<const Source>(Source{&table, &pre, std::move(rows), pre.columnsIn(table)});
    return d;
}

Eigen::Index Dataset::inputs() const { return m_source ? Eigen::Index(m_source->pre->inputWidth()) : features.cols(); }

void Dataset::gather(std::span<const std::size_t> which, Matrix& out) const {
    if (!m_source) {
        // Eigen row copies: for the narrow rows of small nets a memcpy call per row costs more.
        for (std::size_t r = 0; r < which.size(); ++r) out.row(Eigen::Index(r)) = features.row(Eigen::Index(which[r]));
        return;
    }
    std::vector<std::size_t> tableRows(which.size());
    for (std::size_t r = 0; r < which.size(); ++r) tableRows[r] = m_source->rows[which[r]];
    m_source->pre->encodeInto(*m_source->table, m_source->columns, tableRows, out);
}

void Dataset::forEachBlock(Eigen::Index chunk, const std::function<bool(Eigen::Index, ConstMatrixMap)>& f) const {
    const Eigen::Index n = size(), width = inputs();
    Matrix scratch;
    for (Eigen::Index begin = 0; begin < n; begin += chunk) {
        const Eigen::Index rows = std::min(chunk, n - begin);
        if (!m_source) {
            if (!f(begin, ConstMatrixMap(features.data() + begin * width, rows, width))) return;
            continue;
        }
        if (scratch.rows() != rows) scratch.resize(rows, width);
        const std::span<const std::size_t> part(m_source->rows.data() + begin, std::size_t(rows));
        m_source->pre->encodeInto(*m_source->table, m_source->columns, part, scratch);
        if (!f(begin, ConstMatrixMap(scratch.data(), rows, width))) return;
    }
}

Matrix Dataset::encoded() const {
    if (!m_source) return features;
    return m_source->pre->features(*m_source->table, m_source->rows);
}

} // namespace layerlab::engine::data
