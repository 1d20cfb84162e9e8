#include "DerivedColumns.h"

#include "core/Error.h"

#include <muParser.h>

#include <cmath>
#include <limits>

namespace layerlab::engine::data {
namespace {

// One parser bound to the numeric columns of a table through per-row variables.
class BoundParser {
public:
    BoundParser(const Table& table, const DerivedColumn& column) : m_table(table), m_column(column) {
        m_vars.reserve(table.columnCount());
        for (std::size_t i = 0; i < table.columnCount(); ++i) {
            if (!table.column(i).isNumeric()) continue;
            m_vars.push_back({i, 0.0});
        }
        try {
            for (auto& v : m_vars) {
                const std::string& name = table.column(v.column).name;
                const std::string id = DerivedColumns::identifier(name);
                m_parser.DefineVar(id, &v.value);
            }
            m_parser.SetExpr(column.formula);
            m_parser.Eval(); // parses now, so errors surface before any row
        } catch (const mu::Parser::exception_type& e) {
            fail(e);
        }
    }

    std::vector<float> run() {
        std::vector<float> out(m_table.rowCount());
        // Only the columns the formula uses matter for "missing in, missing out".
        std::vector<Var*> used;
        const auto& usedVars = m_parser.GetUsedVar();
        for (auto& v : m_vars)
            if (usedVars.count(DerivedColumns::identifier(m_table.column(v.column).name))) used.push_back(&v);
        try {
            for (std::size_t r = 0; r < m_table.rowCount(); ++r) {
                bool missing = false;
                for (Var* v : used) {
                    v->value = m_table.column(v->column).number(r);
                    missing = missing || std::isnan(v->value);
                }
                const double y = missing ? std::numeric_limits<double>::quiet_NaN() : m_parser.Eval();
                out[r] = std::isfinite(y) && std::abs(y) <= std::numeric_limits<float>::max()
                             ? float(y)
                             : std::numeric_limits<float>::quiet_NaN();
            }
        } catch (const mu::Parser::exception_type& e) {
            fail(e);
        }
        return out;
    }

private:
    struct Var {
        std::size_t column;
        double value;
    };

    [[noreturn]] void fail(const mu::Parser::exception_type& e) const {
        std::string message = e.GetMsg();
        // Column names (not the parser's identifiers) are what the user typed about.
        if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !e.GetToken().empty()) {
            // A column the formula names but that holds text somewhere: say where, not "unknown".
            for (std::size_t i = 0; i < m_table.columnCount(); ++i) {
                const Table::Column& c = m_table.column(i);
                if (DerivedColumns::identifier(c.name) != e.GetToken() || c.isNumeric() || c.firstTextRow < 0) continue;
                const auto row = std::size_t(c.firstTextRow);
                throw FileError(m_table.source(), m_table.rowLine(row), std::int64_t(i) + 1,
                                "derived column \"" + m_column.name + "\" uses column \"" + c.name +
                                    "\", which is not a number here: \"" + m_table.text(i, row) +
                                    "\" (a formula reads numbers only: fix the cell, or leave it empty to make it missing)");
            }
            message = "unknown name \"" + e.GetToken() + "\" (not a numeric column or a function)";
        }
        throw FormulaError(m_column.name, m_column.formula, e.GetPos() >= 0 ? e.GetPos() + 1 : 0, message);
    }

    const Table& m_table;
    const DerivedColumn& m_column;
    mu::Parser m_parser;
    std::vector<Var> m_vars; // reserved up front: the parser keeps pointers to the values
};

} // namespace

FormulaError::FormulaError(const std::string& column, const std::string& formula, int position, const std::string& message)
    : SpecError("derived column \"" + column + "\": " + message +
                (position > 0 ? " (at character " + std::to_string(position) + " of \"" + formula + "\")"
                              : " (in \"" + formula + "\")")),
      m_position(position), m_detail(message) {}

std::string DerivedColumns::identifier(const std::string& name) {
    std::string id;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        id += ok ? c : '_';
    }
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id.insert(0, "_");
    return id;
}

std::vector<float> DerivedColumns::evaluate(const Table& table, const DerivedColumn& column) {
    return BoundParser(table, column).run();
}

void DerivedColumns::check(const Table& table, const DerivedColumn& column) { BoundParser(table, column); }

void DerivedColumns::apply(Table& table, const std::vector<DerivedColumn>& columns) {
    for (const auto& d : columns) {
        if (d.name.empty()) throw SpecError("a derived column needs a name");
        if (table.columnIndex(d.name)) throw SpecError("derived column \"" + d.name + "\": the table already has a column of that name");
        auto values = evaluate(table, d);
        table.addColumn(d.name, std::move(values));
    }
}

} // namespace layerlab::engine::data
