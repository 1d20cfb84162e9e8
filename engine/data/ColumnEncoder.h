// One input column's fitted encoding: how a raw cell becomes model inputs. Fitted on the training
// rows only (fill value, scaling, vocabulary), saved in the model, applied the same way at
// evaluation, prediction and export.
//   numeric / date: fill missing -> scale -> 1 input (+ a "was missing" 0/1 input if asked)
//   boolean:        true -> 1, false -> 0, anything else -> missing -> fill
//   factor:         one-hot over the vocabulary plus an "unknown" bucket, which takes values never
//                   seen in training and levels rarer than the minimum count; or (embedding) one
//                   input holding the level's index for an Embedding layer.
#pragma once

#include "DataSpec.h"
#include "Schema.h"
#include "Table.h"
#include "core/CompactString.h"
#include "core/Json.h"
#include "core/Tensor.h"

#include <span>
#include <string>
#include <vector>

namespace layerlab::engine::data {

class ColumnEncoder {
public:
    /// Throws FileError naming a bad cell (text in a numeric column, an unreadable date).
    static ColumnEncoder fit(const Table& table, const ColumnInfo& info, const DataSpec& spec,
                             std::span<const std::size_t> trainRows);

    const std::string& column() const { return m_column; }
    ColumnType type() const { return m_type; }
    MissingPolicy missing() const { return m_missing; }
    int width() const;
    /// One name per model input, e.g. "x", "x (missing)", "shooter=Stephen Curry", "shooter=(unknown)".
    std::vector<std::string> featureNames() const;

    /// Writes columns [offset, offset + width()) of `out` for `rows`. Throws FileError on a bad cell.
    void encode(const Table& table, std::span<const std::size_t> rows, Matrix& out, int offset) const;
    /// The same with the column's index in `table` already found (column(table)): a wide file's
    /// batches looked 100,000 names up again for every batch.
    void encode(const Table& table, std::size_t col, std::span<const std::size_t> rows, Matrix& out, int offset) const;
    /// The index of the column this encoder reads; throws SpecError when `table` lacks it.
    std::size_t column(const Table& table) const { return requireColumn(table); }

    // Fitted state, for reports and exporters.
    float fill() const { return m_fill; }
    float offset() const { return m_offset; }
    float scale() const { return m_scale; }
    bool indicator() const { return m_indicator; }
    const std::vector<std::string>& vocabulary() const { return m_vocabulary; }
    const std::string& fillLevel() const { return m_fillLevel; }
    const std::string& trueValue() const { return m_true; }
    const std::string& falseValue() const { return m_false; }
    FactorEncoding encoding() const { return m_encoding; }
    int embeddingDims() const { return m_dims; }
    /// Index of a factor level: its vocabulary position, or vocabulary().size() for unknown.
    std::size_t levelIndex(std::string_view level) const;

    Json toJson() const;
    static ColumnEncoder fromJson(const Json& json);
    /// What `chosen` does to a column of this type: a factor has no mean or median, so both fill
    /// its missing cells with the most frequent level (the Data tab says so instead of "mean").
    static MissingPolicy appliedMissing(ColumnType type, MissingPolicy chosen);
    /// False for a factor: it is encoded (one-hot or an index), never scaled.
    static bool isScaled(ColumnType type);
    /// A plain z-scored numeric input (model files of version 1).
    static ColumnEncoder numeric(std::string column, float mean, float scale);

private:
    std::vector<float> rawValues(const Table& table, std::size_t col, std::span<const std::size_t> rows) const;
    std::vector<std::size_t> levelIndices(const Table& table, std::size_t col, std::span<const std::size_t> rows) const;
    std::size_t requireColumn(const Table& table) const;

    std::string m_column;
    ColumnType m_type = ColumnType::Numeric;
    MissingPolicy m_missing = MissingPolicy::Mean;
    bool m_indicator = false;
    float m_fill = 0.0f;                   // numeric-like: value used for a missing cell
    Scaling m_scaling = Scaling::ZScore;
    float m_offset = 0.0f, m_scale = 1.0f; // (x - offset) * scale
    CompactString m_true, m_false;         // boolean spellings (compact: most columns have none)
    std::vector<std::string> m_vocabulary; // factor levels, in input order
    CompactString m_fillLevel;             // factor: level used for a missing cell
    FactorEncoding m_encoding = FactorEncoding::OneHot;
    int m_dims = 0;
};

} // namespace layerlab::engine::data
