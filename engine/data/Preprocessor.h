// Turns table rows into model-ready matrices: derived columns, then one fitted ColumnEncoder per
// input column (imputation, scaling, factor encoding), and the target encoded as a class index,
// 0/1 or a value. Sequences (DataSpec::sequence): a CharacterEncoder replaces the column encoders,
// or a window of `steps()` rows ending at row t is sample t and predicts the target of row t + 1,
// so a sample "row" below is always the window's last row. Everything fitted is fitted on the training rows only, saved with the model
// and applied identically by evaluate, predict and the exporters.
#pragma once

#include "CharacterEncoder.h"
#include "ColumnEncoder.h"
#include "DataSpec.h"
#include "Schema.h"
#include "Table.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "core/Tensor.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::data {

enum class TargetKind { Classes, Binary, Regression };

class Preprocessor {
public:
    Preprocessor() = default;

    /// The target's class labels (all usable rows: the label set is not a learned statistic), in
    /// a natural order: false before true for a boolean, numeric order for numbers, else by text.
    /// Throws SpecError when there is nothing to learn (one class; too many for a class target).
    static std::vector<std::string> classLabels(const Table& table, const Schema& schema, TargetKind kind,
                                                std::span<const std::size_t> rows);
    /// Rows that can be used for training: target present, and no missing cell in an input whose
    /// policy is "drop" (for a window: in any of its rows, and the target of the next row; the
    /// first steps − 1 rows start no window). `dropped` receives how many were left out.
    static std::vector<std::size_t> usableRows(const Table& table, const Schema& schema, const DataSpec& spec,
                                               std::size_t* dropped = nullptr);

    /// Fits every input's encoder on `trainRows`. Throws FileError pointing at a bad cell.
    static Preprocessor fit(const Table& table, const Schema& schema, const DataSpec& spec, TargetKind kind,
                            std::span<const std::size_t> trainRows, std::span<const std::size_t> usable);

    /// Adds this model's derived columns to a freshly read table (no-op when already there).
    void deriveColumns(Table& table) const;
    /// [rows × inputWidth()]. Throws FileError (line, column) on an unreadable cell.
    Matrix features(const Table& table, std::span<const std::size_t> rows) const;
    /// The same rows into the leading rows of `out` (at least rows.size() rows, inputWidth() columns).
    void encodeInto(const Table& table, std::span<const std::size_t> rows, Matrix& out) const;
    /// The same with every input encoder's column index found once (columnsIn(table)).
    void encodeInto(const Table& table, const std::vector<std::size_t>& columns, std::span<const std::size_t> rows, Matrix& out) const;
    /// Each input encoder's column index in `table`, in encoder order; throws for a missing one.
    std::vector<std::size_t> columnsIn(const Table& table) const;
    /// [rows × 1]: class index (Classes), 0/1 (Binary) or the value (Regression).
    /// Throws FileError on a missing target or a label never seen in training.
    Matrix targets(const Table& table, std::span<const std::size_t> rows) const;
    /// True when the row's target cell is empty (evaluate skips such rows); for a window, the
    /// next row's, and true after the last row.
    bool targetMissing(const Table& table, std::size_t row) const;
    /// The table row whose target a sample is scored against: the sample's own row, or for a
    /// window ending at `row` the next one (may be past the table's end).
    std::size_t targetRow(std::size_t row) const { return m_sequence == SequenceKind::Window ? row + 1 : row; }
    /// The rows that make a sample: every row, or for a window every row with a full window
    /// behind it. With `needTarget`, only those whose target is present.
    std::vector<std::size_t> sampleRows(const Table& table, bool needTarget) const;

    SequenceKind sequence() const { return m_sequence; }
    /// Time steps per sample: the character length, the window length, or 1.
    int steps() const;
    /// True when short sequences are padded with all-zero steps (characters).
    bool masked() const { return m_sequence == SequenceKind::Characters; }
    const std::optional<CharacterEncoder>& characters() const { return m_chars; }

    const std::vector<ColumnEncoder>& encoders() const { return m_encoders; }
    const std::vector<DerivedColumn>& derived() const { return m_derived; }
    std::vector<std::string> inputs() const;
    /// One name per model input ("x", "shooter=Stephen Curry", ...).
    std::vector<std::string> featureNames() const;
    const std::string& target() const { return m_target; }
    TargetKind targetKind() const { return m_kind; }
    const std::vector<std::string>& classes() const { return m_classes; }
    int inputWidth() const;
    /// Bytes that `rows` encoded samples take as float32 (rows × inputWidth()).
    std::uint64_t encodedBytes(std::size_t rows) const;
    /// Empty when `rows` encoded samples fit in `budgetBytes`; else a sentence with the size, the
    /// widest one-hot factor and what to change (--min-count, the embedding encoding). Checked
    /// before any such matrix is allocated: a 95k-level factor once asked for 114 GB.
    std::string encodedSizeProblem(std::size_t rows, std::uint64_t budgetBytes) const;
    /// What a dataset may take: half of this machine's physical memory.
    static std::uint64_t memoryBudget();
    /// Network outputs this target needs: classes for Classes, 1 otherwise.
    int outputWidth() const;

    Json toJson() const;
    /// The same text as toJson(), written as the open object's member `key`, one encoder at a
    /// time (a wide file's 100,000 encoders never exist as one tree).
    void write(JsonWriter& out, std::string_view key) const;
    /// Reads this format and the version-1 one (plain z-scored numeric inputs).
    static Preprocessor fromJson(const Json& json);

private:
    /// toJson()'s members before "inputs" and after it: one definition for both writers.
    Json headJson() const;
    Json tailJson() const;
    /// Every encoder's columns for `rows` into out [rows × one row's width].
    void encodeRows(const Table& table, const std::vector<std::size_t>& columns, std::span<const std::size_t> rows, Matrix& out) const;

    std::vector<ColumnEncoder> m_encoders;
    std::vector<DerivedColumn> m_derived;
    std::string m_target;
    TargetKind m_kind = TargetKind::Classes;
    std::vector<std::string> m_classes;
    SequenceKind m_sequence = SequenceKind::None;
    int m_window = 1;                       // Window: rows per sample
    std::optional<CharacterEncoder> m_chars; // Characters: replaces m_encoders
};

const char* targetKindName(TargetKind k);

} // namespace layerlab::engine::data
