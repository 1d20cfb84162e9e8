// The resolved meaning of every column of a table: its type (inferred, or as the user set it)
// and its role (input, target, ignored) with the reason. Type inference rules:
//   - only numbers: boolean when the values are exactly {0, 1}; factor when they are few
//     (<= 10) distinct integers; else numeric; also numeric when at most one cell in ten (or a single
//     cell) is not a number (the odd word is then reported with its position when the column is used);
//   - text: date when every cell parses as a date; boolean when it is exactly two values of a
//     known pair (true/false, yes/no, y/n, t/f); factor when values repeat and are few (<= 1000,
//     and at most half the rows or at most 20); else text (ignored by default: free text is not an input).
// Any two-valued text column is a boolean *candidate* (made/missed): the user confirms with
// type boolean and, for pairs we do not know, the value that means true.
#pragma once

#include "DataSpec.h"
#include "Table.h"
#include "core/CompactString.h"

#include <string>
#include <vector>

namespace layerlab::engine::data {

struct ColumnInfo {
    std::string name;
    std::size_t index = 0;        ///< in the table
    ColumnType inferred = ColumnType::Numeric;
    ColumnType type = ColumnType::Numeric;  ///< after the user's override
    ColumnRole role = ColumnRole::Ignore;   ///< never Auto after resolve()
    CompactString why;            ///< why a column is ignored (constant, free text, ...)
    std::int64_t distinct = -1;   ///< distinct non-missing values; -1 = many (not counted)
    bool booleanCandidate = false;
    CompactString trueValue, falseValue; ///< for boolean columns
    /// Set by train::InputScreen on the training rows: the column gives the target away on its
    /// own (a copy, a relabelling, a monotone transform) — why, in words; empty when it does not.
    CompactString leak;
    /// Set by train::InputScreen: the column has a different value on every row (an id, a
    /// name), so it cannot generalize — why, in words; empty when it does not.
    CompactString identifiesRows;
    bool screenedOut = false; ///< left out of the inputs for one of the two reasons above
};

class Schema {
public:
    /// The type the data suggests for column `col` (fills the boolean pair when it finds one).
    static ColumnInfo infer(const Table& table, std::size_t col);
    /// Infers every column, applies the spec's overrides and roles. Throws SpecError for unknown
    /// column names, a missing target, or a type the data cannot have (a text column as numeric).
    static Schema resolve(const Table& table, const DataSpec& spec);

    const std::vector<ColumnInfo>& columns() const { return m_columns; }
    const ColumnInfo& column(std::size_t i) const { return m_columns[i]; }
    /// Table indices of the inputs, in the order the model will see them.
    const std::vector<std::size_t>& inputs() const { return m_inputs; }
    std::size_t target() const { return m_target; }

    /// Records what the input screen found about column `col`; when `leaveOut` and it found
    /// something, the column stops being an input (role ignore, `why` saying so).
    void flag(std::size_t col, std::string leak, std::string identifiesRows, bool leaveOut);
    /// True when the user chose the column's role (the input list, or a role set on the column),
    /// so a screen flags it but leaves it where the user put it.
    static bool roleChosen(const DataSpec& spec, const std::string& column);

private:
    std::vector<ColumnInfo> m_columns;
    std::vector<std::size_t> m_inputs;
    std::size_t m_target = 0;
};

} // namespace layerlab::engine::data
