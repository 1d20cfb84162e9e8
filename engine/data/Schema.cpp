#include "Schema.h"

#include "CellParsers.h"
#include "core/Error.h"

#include <algorithm>
#include <cmath>

namespace layerlab::engine::data {
namespace {

constexpr std::int64_t kFewIntegers = 10;
// Whole numbers are read as codes (a factor) only when each value recurs often enough to learn a
// weight of its own: at least this many rows per distinct value on average. A share that scales
// with the rows, not a fixed 4: ~10 values in 200 rows are a count or a score, and a wide file of
// such columns once became 1.1 M one-hot inputs.
constexpr std::int64_t kRowsPerCode = 50;
constexpr std::int64_t kFactorLimit = 1000;

std::string columnList(const Table& t) {
    std::string s;
    for (const auto& n : t.columnNames()) s += (s.empty() ? "" : ", ") + n;
    return s;
}

std::size_t requireColumn(const Table& t, const std::string& name, const char* what) {
    if (auto i = t.columnIndex(name)) return *i;
    throw SpecError(t.source() + ": no column named \"" + name + "\" (" + what + "; columns: " + columnList(t) + ")");
}

// Levels with at least one row, missing ("") excluded.
std::vector<std::string> presentLevels(const Table::Column& c) {
    std::vector<char> used(c.levelCount(), 0);
    for (std::size_t r = 0; r < c.size(); ++r) used[c.code(r)] = 1;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < c.levelCount(); ++i)
        if (used[i] && !Table::isMissingText(c.level(i))) out.emplace_back(c.level(i));
    return out;
}

// Cells that read as numbers.
std::int64_t numberCount(const Table::Column& c) {
    std::int64_t n = 0;
    for (std::size_t r = 0; r < c.size(); ++r) n += !std::isnan(c.number(r));
    return n;
}

} // namespace

ColumnInfo Schema::infer(const Table& table, std::size_t col) {
    const Table::Column& c = table.column(col);
    ColumnInfo info;
    info.name = c.name;
    info.index = col;
    const std::int64_t present = std::int64_t(table.rowCount()) - c.missing;
    std::vector<std::string> levels;
    if (c.hasLevels()) {
        levels = presentLevels(c);
        info.distinct = std::int64_t(levels.size());
    }
    if (c.isNumeric()) {
        info.inferred = ColumnType::Numeric;
        if (info.distinct >= 0) {
            bool integers = true, zeroOne = true;
            for (const auto& l : levels) {
                const float v = *Table::parseNumber(l);
                integers = integers && v == std::floor(v) && std::abs(v) < 1e6f;
                zeroOne = zeroOne && (v == 0.0f || v == 1.0f);
            }
            if (zeroOne && info.distinct == 2) {
                info.inferred = ColumnType::Boolean;
                info.booleanCandidate = true;
                info.trueValue = *Table::parseNumber(levels[0]) == 1.0f ? levels[0] : levels[1];
                info.falseValue = levels[0] == info.trueValue ? levels[1] : levels[0];
            } else if (integers && info.distinct >= 2 && info.distinct <= kFewIntegers &&
                       present >= kRowsPerCode * info.distinct) {
                info.inferred = ColumnType::Factor;
            }
        }
    } else if (const std::int64_t numbers = numberCount(c); numbers > 0 && present - numbers <= std::max<std::int64_t>(1, present / 10)) {
        // Numbers with a stray word or two ("n/a", "oops"): numeric, and the bad cells are
        // reported with their position when the column is used, rather than silently dropped.
        info.inferred = ColumnType::Numeric;
    } else {
        const bool allDates = std::all_of(levels.begin(), levels.end(), [](const auto& l) { return parseDate(l).has_value(); });
        if (!levels.empty() && allDates) {
            info.inferred = ColumnType::Date;
        } else if (levels.size() == 2) {
            info.booleanCandidate = true;
            const auto a = parseBoolean(levels[0]), b = parseBoolean(levels[1]);
            if (a && b && *a != *b) {
                info.inferred = ColumnType::Boolean;
                info.trueValue = *a ? levels[0] : levels[1];
                info.falseValue = *a ? levels[1] : levels[0];
            } else {
                info.inferred = ColumnType::Factor; // made/missed: the user may confirm it as boolean
                info.trueValue = levels[0];
                info.falseValue = levels[1];
            }
        } else if (info.distinct <= kFactorLimit && info.distinct < present &&
                   (info.distinct * 2 <= present || info.distinct <= 20)) {
            info.inferred = ColumnType::Factor;
        } else {
            info.inferred = ColumnType::Text;
        }
    }
    info.type = info.inferred;
    return info;
}

Schema Schema::resolve(const Table& table, const DataSpec& spec) {
    Schema s;
    s.m_columns.reserve(table.columnCount()); // exact: 100,000 columns of ~250 bytes each
    if (spec.target.empty()) throw SpecError("no target column chosen");
    s.m_target = requireColumn(table, spec.target, "the target");
    for (const auto& o : spec.columns) requireColumn(table, o.name, "named in the column settings");
    for (std::size_t i = 0; i < table.columnCount(); ++i) {
        ColumnInfo info = infer(table, i);
        const ColumnOptions* o = spec.options(info.name);
        if (o && o->type != ColumnType::Auto) info.type = o->type;
        const Table::Column& c = table.column(i);
        if (o && o->type == ColumnType::Numeric && !c.isNumeric() && info.inferred != ColumnType::Numeric)
            throw FileError(table.source(), table.rowLine(std::size_t(c.firstTextRow)), std::int64_t(i) + 1,
                            "column \"" + info.name + "\" is set to numeric but holds text: \"" +
                                table.text(i, std::size_t(c.firstTextRow)) + "\"");
        if (info.type == ColumnType::Boolean) {
            if (o && !o->trueValue.empty()) info.trueValue = o->trueValue;
            const auto levels = c.hasLevels() ? presentLevels(c) : std::vector<std::string>{};
            if (levels.size() > 2 || !c.hasLevels())
                throw SpecError("column \"" + info.name + "\" is set to boolean but has more than two values");
            if (info.trueValue.empty())
                throw SpecError("column \"" + info.name + "\" is set to boolean: say which value means true");
            if (std::find(levels.begin(), levels.end(), info.trueValue) == levels.end() && !levels.empty())
                throw SpecError("column \"" + info.name + "\": the true value \"" + info.trueValue + "\" does not occur in it");
            info.falseValue.clear();
            for (const auto& l : levels)
                if (l != info.trueValue) info.falseValue = l;
        }
        // Roles: explicit input list > per-column role > inferred. A character sequence is the only input.
        const bool characters = spec.sequence.kind == SequenceKind::Characters;
        if (i == s.m_target) {
            info.role = ColumnRole::Target;
        } else if (characters) {
            info.role = info.name == spec.sequence.column ? ColumnRole::Input : ColumnRole::Ignore;
            if (info.role == ColumnRole::Ignore) info.why = "the characters of \"" + spec.sequence.column + "\" are the only input";
        } else if (!spec.inputs.empty()) {
            info.role = std::find(spec.inputs.begin(), spec.inputs.end(), info.name) != spec.inputs.end() ? ColumnRole::Input
                                                                                                          : ColumnRole::Ignore;
            if (info.role == ColumnRole::Ignore) info.why = "not in the input list";
        } else if (o && o->role != ColumnRole::Auto) {
            info.role = o->role;
            if (info.role == ColumnRole::Target)
                throw SpecError("column \"" + info.name + "\" has role target, but the target is \"" + spec.target + "\"");
            if (info.role == ColumnRole::Ignore) info.why = "ignored by choice";
        } else if (info.type == ColumnType::Text) {
            info.role = ColumnRole::Ignore;
            info.why = "free text with " + (info.distinct < 0 ? std::string("many") : std::to_string(info.distinct)) +
                       " distinct values; set its type to factor to use it";
        } else if (info.distinct == 1 || std::int64_t(table.rowCount()) == c.missing) {
            info.role = ColumnRole::Ignore;
            info.why = info.distinct == 1 ? "constant" : "empty";
        } else {
            info.role = ColumnRole::Input;
        }
        if (info.role == ColumnRole::Input && info.type == ColumnType::Text && !characters)
            throw SpecError("column \"" + info.name + "\" is free text and cannot be an input: set its type to factor");
        s.m_columns.push_back(std::move(info));
    }
    // A window reads earlier rows, so the target's past values are fair inputs (yesterday's
    // weather for tomorrow's); in any other mode the target would leak into its own prediction.
    const bool window = spec.sequence.kind == SequenceKind::Window;
    if (spec.sequence.kind == SequenceKind::Characters) {
        const std::size_t i = requireColumn(table, spec.sequence.column, "for the character sequence");
        if (i == s.m_target) throw SpecError("column \"" + spec.sequence.column + "\" cannot be both the character sequence and the target");
        s.m_inputs.push_back(i);
        return s;
    }
    for (const auto& name : spec.inputs) {
        const std::size_t i = requireColumn(table, name, "listed as an input");
        if (i == s.m_target && !window) throw SpecError("column \"" + name + "\" cannot be both an input and the target");
    }
    // Inputs in the order the user listed them, else in table order.
    if (!spec.inputs.empty()) {
        for (const auto& name : spec.inputs) s.m_inputs.push_back(*table.columnIndex(name));
    } else {
        for (const auto& info : s.m_columns)
            if (info.role == ColumnRole::Input || (window && info.role == ColumnRole::Target)) s.m_inputs.push_back(info.index);
    }
    if (s.m_inputs.empty()) {
        // Say why each column was left out: "no inputs" alone sends the user hunting.
        std::string why;
        for (const auto& info : s.m_columns)
            if (info.role == ColumnRole::Ignore) why += (why.empty() ? ". Left out: " : ", ") + ("\"" + info.name + "\" (" + info.why + ")");
        throw SpecError(table.source() + ": no input columns besides the target \"" + spec.target + "\"" + why);
    }
    return s;
}

void Schema::flag(std::size_t col, std::string leak, std::string identifiesRows, bool leaveOut) {
    ColumnInfo& info = m_columns[col];
    info.leak = std::move(leak);
    info.identifiesRows = std::move(identifiesRows);
    if (!leaveOut || (info.leak.empty() && info.identifiesRows.empty())) return;
    // An input leaves; a column already ignored by inference (free text) gets the better reason.
    if (const auto at = std::find(m_inputs.begin(), m_inputs.end(), col); at != m_inputs.end()) m_inputs.erase(at);
    else if (info.role != ColumnRole::Ignore) return;
    info.role = ColumnRole::Ignore;
    info.screenedOut = true;
    info.why = !info.leak.empty() ? "possible target leak: " + info.leak : "identifies rows: " + info.identifiesRows;
}

bool Schema::roleChosen(const DataSpec& spec, const std::string& column) {
    if (!spec.inputs.empty()) return true; // listed: an input; not listed: left out by the user already
    const ColumnOptions* o = spec.options(column);
    return o && o->role != ColumnRole::Auto;
}

} // namespace layerlab::engine::data
