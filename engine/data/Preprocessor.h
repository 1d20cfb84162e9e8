// Turns table rows into model-ready matrices: picks the input columns, scales them with the
// mean/std learned on the training rows, and encodes the target (class index, 0/1, or value).
// What it learned is part of the model: saved with it and applied again at prediction time.
#pragma once

#include "Table.h"
#include "core/Json.h"
#include "core/Tensor.h"

#include <span>
#include <string>
#include <vector>

namespace layerlab::engine::data {

enum class TargetKind { Classes, Binary, Regression };

class Preprocessor {
public:
    Preprocessor() = default;

    /// Learns the scaling of `inputs` on `trainRows` and the class list of `target` (all rows:
    /// the label set is not a learned statistic). Empty `inputs` = every other numeric column.
    /// Throws FileError pointing at the first bad cell, SpecError for unknown columns.
    static Preprocessor fit(const Table& table, std::vector<std::string> inputs, const std::string& target,
                            TargetKind kind, std::span<const std::size_t> trainRows);

    /// [rows × inputs], scaled. Throws FileError (line, column) on a missing or non-numeric cell.
    Matrix features(const Table& table, std::span<const std::size_t> rows) const;
    /// [rows × 1]: class index (Classes), 0/1 (Binary) or the value (Regression).
    Matrix targets(const Table& table, std::span<const std::size_t> rows) const;
    /// Scales raw input values in place ([rows × inputs]).
    void scale(MatrixMap raw) const;

    const std::vector<std::string>& inputs() const { return m_inputs; }
    const std::string& target() const { return m_target; }
    TargetKind targetKind() const { return m_kind; }
    const std::vector<std::string>& classes() const { return m_classes; }
    int inputWidth() const { return static_cast<int>(m_inputs.size()); }
    /// Network outputs this target needs: classes for Classes, 1 otherwise.
    int outputWidth() const;
    /// Columns skipped by the "every other numeric column" default, because they hold text.
    const std::vector<std::string>& skippedTextColumns() const { return m_skipped; }

    Json toJson() const;
    static Preprocessor fromJson(const Json& json);

private:
    std::size_t requireColumn(const Table& table, const std::string& name, const char* role) const;

    std::vector<std::string> m_inputs;
    std::vector<float> m_mean, m_scale; // per input: (x - mean) * scale, scale = 1/std
    std::string m_target;
    TargetKind m_kind = TargetKind::Classes;
    std::vector<std::string> m_classes;
    std::vector<std::string> m_skipped;
};

} // namespace layerlab::engine::data
