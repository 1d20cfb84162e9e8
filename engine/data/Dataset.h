// Model-ready rows: features [rows × inputs] after preprocessing, targets [rows × k]
// (class index in column 0 for softmax cross-entropy).
// The features are either held, encoded once (`features`), or encoded from the table each time
// rows are asked for (encodedOnDemand): a set whose encoded matrix would be larger than the table
// it comes from (a wide file, a factor with thousands of levels) keeps only its row numbers, so a
// 41 MB file of 100,000 small-integer columns no longer held an 80 MB float copy of itself to train
// (issue 18, defect 9). Both ways give the same numbers, bit for bit: the same encoders run.
// Thread-safety: the const methods may run concurrently; each writes only to its `out`.
#pragma once

#include "core/Tensor.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace layerlab::engine::data {

class Table;
class Preprocessor;

struct Dataset {
    Matrix features; ///< the encoded rows when held; empty when encoded on demand
    Matrix targets;

    Dataset() = default;
    /// Rows held encoded.
    Dataset(Matrix encodedFeatures, Matrix rowTargets) : features(std::move(encodedFeatures)), targets(std::move(rowTargets)) {}

    /// Rows `rows` of `table`, encoded by `pre` only when asked for. Both must outlive the set.
    static Dataset encodedOnDemand(const Table& table, const Preprocessor& pre, std::vector<std::size_t> rows, Matrix targets);

    Eigen::Index size() const { return targets.rows(); }
    Eigen::Index inputs() const;
    bool isEncodedOnDemand() const { return m_source != nullptr; }
    /// The encoded rows `which` (positions in this set) into the leading rows of `out`, which has
    /// at least which.size() rows and inputs() columns.
    void gather(std::span<const std::size_t> which, Matrix& out) const;
    /// Calls `f(begin, block)` for consecutive blocks of at most `chunk` rows, in order: views of
    /// `features` when held, else freshly encoded rows. Stops early when `f` returns false.
    void forEachBlock(Eigen::Index chunk, const std::function<bool(Eigen::Index begin, ConstMatrixMap block)>& f) const;
    /// Every row encoded (a copy when held).
    Matrix encoded() const;

private:
    struct Source {
        const Table* table;
        const Preprocessor* pre;
        std::vector<std::size_t> rows;
        std::vector<std::size_t> columns; // the encoders' column indices, found once
    };
    std::shared_ptr<const Source> m_source;
};

} // namespace layerlab::engine::data
