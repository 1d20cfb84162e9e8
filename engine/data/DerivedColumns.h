// Columns computed by formula, evaluated with muParser (Debian's libmuparser): arithmetic, ^,
// comparisons, ?:, sqrt, atan2, log (natural), exp, abs, min, max, sin, cos and friends.
// A formula names numeric columns (earlier derived ones included); a name that is not a valid
// identifier is reachable with every other character replaced by '_' ("shot dist" -> shot_dist).
// A missing input gives a missing result, as does a non-finite one (log(0), 0/0).
//
// Not thread-safe per instance of the parser; the static functions make their own.
#pragma once

#include "DataSpec.h"
#include "Table.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace layerlab::engine::data {

/// A formula that does not parse, with the 1-based character position it points at.
class FormulaError : public SpecError {
public:
    FormulaError(const std::string& column, const std::string& formula, int position, const std::string& message);
    int position() const { return m_position; }
    const std::string& detail() const { return m_detail; }

private:
    int m_position;
    std::string m_detail;
};

class DerivedColumns {
public:
    /// Values of `column` for every row of `table`. Throws FormulaError.
    static std::vector<float> evaluate(const Table& table, const DerivedColumn& column);
    /// Appends every derived column to `table`, in order (later ones may use earlier ones).
    /// Throws FormulaError, or SpecError when a name clashes with an existing column.
    static void apply(Table& table, const std::vector<DerivedColumn>& columns);
    /// Parses `formula` against the columns of `table` without evaluating (for validation as
    /// you type). Throws FormulaError.
    static void check(const Table& table, const DerivedColumn& column);
    /// The identifier a formula uses for a column name.
    static std::string identifier(const std::string& name);
};

} // namespace layerlab::engine::data
