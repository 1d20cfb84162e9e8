#include "Preprocessor.h"

#include "DerivedColumns.h"
#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unistd.h>

namespace layerlab::engine::data {
namespace {

[[noreturn]] void badCell(const Table& t, std::size_t col, std::size_t row, const std::string& why) {
    throw FileError(t.source(), t.rowLine(row), std::int64_t(col) + 1, "column \"" + t.column(col).name + "\": " + why);
}

std::size_t requireColumn(const Table& table, const std::string& name, const char* role) {
    if (auto i = table.columnIndex(name)) return *i;
    std::string known;
    for (const auto& n : table.columnNames()) known += (known.empty() ? "" : ", ") + n;
    throw SpecError(table.source() + ": no " + role + " column named \"" + name + "\" (columns: " + known + ")");
}

[[noreturn]] void noWindow(const Table& table, std::size_t row, int window) {
    throw SpecError(table.source() + ": line " + std::to_string(table.rowLine(row)) + " has fewer than " +
                    std::to_string(window - 1) + " rows before it to make a window");
}

} // namespace

const char* targetKindName(TargetKind k) {
    switch (k) {
    case TargetKind::Classes: return "classes";
    case TargetKind::Binary: return "binary";
    case TargetKind::Regression: return "regression";
    }
    return "?";
}

std::vector<std::string> Preprocessor::classLabels(const Table& table, const Schema& schema, TargetKind kind,
                                                   std::span<const std::size_t> rows) {
    const ColumnInfo& info = schema.column(schema.target());
    std::set<std::string> seen;
    for (const std::size_t r : rows) {
        seen.insert(table.text(info.index, r));
        if (seen.size() > 10000)
            badCell(table, info.index, r, "more than 10000 distinct labels: is this a regression target? (use --loss mse)");
    }
    std::vector<std::string> labels(seen.begin(), seen.end());
    if (info.type == ColumnType::Boolean && labels.size() == 2 && !info.trueValue.empty()) {
        labels = {info.falseValue, info.trueValue}; // the positive class is the one that means true
    } else {
        const bool numeric = std::all_of(labels.begin(), labels.end(), [](const auto& l) { return Table::parseNumber(l).has_value(); });
        if (numeric)
            std::stable_sort(labels.begin(), labels.end(),
                             [](const std::string& a, const std::string& b) { return *Table::parseNumber(a) < *Table::parseNumber(b); });
    }
    if (labels.size() < 2) throw SpecError(table.source() + ": target \"" + info.name + "\" has only one value" +
                                         (labels.empty() ? std::string() : " (\"" + labels[0] + "\")") +
                                         " in the usable rows: nothing to learn; choose another target or add rows of another class");
    if (kind == TargetKind::Binary && labels.size() != 2)
        throw SpecError("target \"" + info.name + "\" has " + std::to_string(labels.size()) +
                        " values; binary cross-entropy needs exactly two (use --loss ce)");
    return labels;
}

std::vector<std::size_t> Preprocessor::usableRows(const Table& table, const Schema& schema, const DataSpec& spec,
                                                  std::size_t* dropped) {
    if (spec.sequence.kind == SequenceKind::Window) {
        const std::size_t n = std::size_t(spec.sequence.length);
        std::vector<char> rowOk(table.rowCount(), 1); // no gap in an input whose policy is "drop"
        for (const std::size_t i : schema.inputs()) {
            const ColumnOptions* o = spec.options(schema.column(i).name);
            if ((o && o->missing ? *o->missing : spec.missing) != MissingPolicy::Drop || table.column(i).missing == 0) continue;
            for (std::size_t r = 0; r < table.rowCount(); ++r)
                if (Table::isMissingText(table.text(i, r))) rowOk[r] = 0;
        }
        std::vector<std::size_t> rows;
        for (std::size_t t = n - 1; t + 1 < table.rowCount(); ++t) {
            bool ok = !Table::isMissingText(table.text(schema.target(), t + 1));
            for (std::size_t k = 0; k < n && ok; ++k) ok = rowOk[t - k];
            if (ok) rows.push_back(t);
        }
        if (dropped) *dropped = table.rowCount() - rows.size();
        return rows;
    }
    const std::size_t target = schema.target();
    const Table::Column& tc = table.column(target);
    std::vector<const ColumnInfo*> dropCols;
    for (const std::size_t i : schema.inputs()) {
        const ColumnOptions* o = spec.options(schema.column(i).name);
        if ((o && o->missing ? *o->missing : spec.missing) == MissingPolicy::Drop && table.column(i).missing > 0)
            dropCols.push_back(&schema.column(i));
    }
    std::vector<std::size_t> rows;
    rows.reserve(table.rowCount());
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        bool ok = !(tc.hasLevels() ? Table::isMissingText(tc.level(tc.code(r))) : std::isnan(tc.number(r)));
        for (const ColumnInfo* c : dropCols) ok = ok && !Table::isMissingText(table.text(c->index, r));
        if (ok) rows.push_back(r);
    }
    if (dropped) *dropped = table.rowCount() - rows.size();
    return rows;
}

Preprocessor Preprocessor::fit(const Table& table, const Schema& schema, const DataSpec& spec, TargetKind kind,
                               std::span<const std::size_t> trainRows, std::span<const std::size_t> usable) {
    Preprocessor p;
    p.m_derived = spec.derived;
    p.m_kind = kind;
    const ColumnInfo& target = schema.column(schema.target());
    p.m_target = target.name;
    if (kind == TargetKind::Regression && !table.column(target.index).isNumeric()) {
        const auto row = std::size_t(table.column(target.index).firstTextRow);
        badCell(table, target.index, row, "a regression target must be numeric, found \"" + table.text(target.index, row) +
                                              "\" (use --loss ce for classes)");
    }
    p.m_sequence = spec.sequence.kind;
    if (p.m_sequence == SequenceKind::Characters) {
        p.m_chars = CharacterEncoder::fit(table, schema.column(schema.inputs().front()), spec.sequence.length, trainRows);
    } else if (p.m_sequence == SequenceKind::Window) {
        // Fitted on every row the training windows read (a sequential split: no later row).
        p.m_window = spec.sequence.length;
        std::set<std::size_t> read;
        for (const std::size_t t : trainRows) {
            if (t + 1 < std::size_t(p.m_window)) noWindow(table, t, p.m_window);
            for (int k = 0; k < p.m_window; ++k) read.insert(t - std::size_t(k));
        }
        const std::vector<std::size_t> rows(read.begin(), read.end());
        for (const std::size_t i : schema.inputs()) p.m_encoders.push_back(ColumnEncoder::fit(table, schema.column(i), spec, rows));
    } else {
        for (const std::size_t i : schema.inputs()) p.m_encoders.push_back(ColumnEncoder::fit(table, schema.column(i), spec, trainRows));
    }
    if (kind != TargetKind::Regression) p.m_classes = classLabels(table, schema, kind, usable);
    return p;
}

void Preprocessor::deriveColumns(Table& table) const {
    std::vector<DerivedColumn> missing;
    for (const auto& d : m_derived)
        if (!table.columnIndex(d.name)) missing.push_back(d);
    DerivedColumns::apply(table, missing);
}

std::vector<std::string> Preprocessor::inputs() const {
    if (m_chars) return {m_chars->column()};
    std::vector<std::string> names;
    for (const auto& e : m_encoders) names.push_back(e.column());
    return names;
}

std::vector<std::string> Preprocessor::featureNames() const {
    if (m_chars) return m_chars->featureNames();
    std::vector<std::string> row;
    for (const auto& e : m_encoders)
        for (auto& n : e.featureNames()) row.push_back(std::move(n));
    if (m_sequence != SequenceKind::Window) return row;
    std::vector<std::string> names; // "x (t-6)", ..., "x (t)"
    for (int k = m_window - 1; k >= 0; --k)
        for (const auto& n : row) names.push_back(n + (k ? " (t-" + std::to_string(k) + ")" : " (t)"));
    return names;
}

int Preprocessor::steps() const {
    if (m_chars) return m_chars->length();
    return m_sequence == SequenceKind::Window ? m_window : 1;
}

int Preprocessor::inputWidth() const {
    if (m_chars) return m_chars->width();
    int w = 0;
    for (const auto& e : m_encoders) w += e.width();
    return w * (m_sequence == SequenceKind::Window ? m_window : 1);
}

std::uint64_t Preprocessor::encodedBytes(std::size_t rows) const {
    return std::uint64_t(rows) * std::uint64_t(std::max(inputWidth(), 0)) * sizeof(float);
}

std::uint64_t Preprocessor::memoryBudget() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || size <= 0) return std::uint64_t(8) << 30; // unknown: assume a 16 GB machine
    return std::uint64_t(pages) * std::uint64_t(size) / 2;
}

std::string Preprocessor::encodedSizeProblem(std::size_t rows, std::uint64_t budgetBytes) const {
    const std::uint64_t bytes = encodedBytes(rows);
    if (bytes <= budgetBytes) return {};
    auto gb = [](std::uint64_t b) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f GB", double(b) / 1e9);
        return std::string(text);
    };
    std::string s = "the encoded inputs would take " + gb(bytes) + " (" + std::to_string(rows) + " rows × " +
                    std::to_string(inputWidth()) + " columns), more than the " + gb(budgetBytes) +
                    " this machine can give them (half its memory)";
    const ColumnEncoder* widest = nullptr;
    for (const auto& e : m_encoders)
        if (e.type() == ColumnType::Factor && e.encoding() == FactorEncoding::OneHot && (!widest || e.width() > widest->width())) widest = &e;
    if (widest)
        s += ": \"" + widest->column() + "\" alone is " + std::to_string(widest->width()) + " one-hot columns (" +
             std::to_string(widest->vocabulary().size()) + " levels). Encode it as an embedding (--encoding embedding, or "
             "the column's encoding in the Data tab), or fold rare levels into the unknown bucket (--min-count N)";
    else
        s += ": use fewer rows or fewer input columns";
    return s;
}

std::vector<std::size_t> Preprocessor::sampleRows(const Table& table, bool needTarget) const {
    std::vector<std::size_t> rows;
    const std::size_t first = m_sequence == SequenceKind::Window ? std::size_t(m_window - 1) : 0;
    for (std::size_t r = first; r < table.rowCount(); ++r)
        if (!needTarget || !targetMissing(table, r)) rows.push_back(r);
    return rows;
}

int Preprocessor::outputWidth() const { return m_kind == TargetKind::Classes ? int(m_classes.size()) : 1; }

Matrix Preprocessor::features(const Table& table, std::span<const std::size_t> rows) const {
    Matrix x(Eigen::Index(rows.size()), inputWidth());
    encodeInto(table, rows, x);
    return x;
}

std::vector<std::size_t> Preprocessor::columnsIn(const Table& table) const {
    std::vector<std::size_t> columns;
    columns.reserve(m_encoders.size());
    for (const auto& e : m_encoders) columns.push_back(e.column(table));
    return columns;
}

void Preprocessor::encodeInto(const Table& table, std::span<const std::size_t> rows, Matrix& x) const {
    encodeInto(table, columnsIn(table), rows, x); // empty for characters: no column encoders
}

void Preprocessor::encodeInto(const Table& table, const std::vector<std::size_t>& columns, std::span<const std::size_t> rows,
                              Matrix& x) const {
    if (x.rows() < Eigen::Index(rows.size()) || x.cols() != inputWidth())
        throw SpecError("encodeInto: the output has " + std::to_string(x.rows()) + " x " + std::to_string(x.cols()) + " cells for " +
                        std::to_string(rows.size()) + " rows of " + std::to_string(inputWidth()));
    if (m_chars) {
        m_chars->encode(table, rows, x, 0);
        return;
    }
    if (m_sequence != SequenceKind::Window) {
        encodeRows(table, columns, rows, x);
        return;
    }
    std::vector<std::size_t> expanded; // the windows' rows, oldest first
    expanded.reserve(rows.size() * std::size_t(m_window));
    for (const std::size_t t : rows) {
        if (t + 1 < std::size_t(m_window)) noWindow(table, t, m_window);
        for (int k = m_window - 1; k >= 0; --k) expanded.push_back(t - std::size_t(k));
    }
    // Consecutive windows share all but one row: encode each table row once, then lay the
    // windows out from the encoded rows. Row-major: [samples·window × row width] is the same
    // memory as [samples × window·row width].
    std::vector<std::size_t> distinct = expanded;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const Eigen::Index width = inputWidth() / m_window;
    Matrix encoded(Eigen::Index(distinct.size()), width);
    encodeRows(table, columns, distinct, encoded);
    for (std::size_t i = 0; i < expanded.size(); ++i) {
        const auto at = std::lower_bound(distinct.begin(), distinct.end(), expanded[i]) - distinct.begin();
        std::copy_n(encoded.row(at).data(), width, x.data() + Eigen::Index(i) * width);
    }
}

void Preprocessor::encodeRows(const Table& table, const std::vector<std::size_t>& columns, std::span<const std::size_t> rows,
                              Matrix& out) const {
    // Each encoder writes one column down every row. On a wide row (100,000 inputs, 400 KB) that
    // is a store per row into a different page, and a batch took 3x as long to encode as to
    // train on. So narrow groups of encoders go through a scratch block that stays in cache and is
    // copied out a row at a time. The numbers are the same either way.
    constexpr int kBlock = 256;
    if (inputWidth() <= kBlock) {
        int offset = 0;
        for (std::size_t k = 0; k < m_encoders.size(); ++k) {
            m_encoders[k].encode(table, columns[k], rows, out, offset);
            offset += m_encoders[k].width();
        }
        return;
    }
    const Eigen::Index n = Eigen::Index(rows.size());
    Matrix scratch;
    std::size_t first = 0;
    int offset = 0;
    while (first < m_encoders.size()) {
        std::size_t last = first;
        int width = 0;
        while (last < m_encoders.size() && (width == 0 || width + m_encoders[last].width() <= kBlock)) width += m_encoders[last++].width();
        if (scratch.rows() != n || scratch.cols() < width) scratch.resize(n, std::max(width, kBlock));
        int at = 0;
        for (std::size_t k = first; k < last; ++k) {
            m_encoders[k].encode(table, columns[k], rows, scratch, at);
            at += m_encoders[k].width();
        }
        for (Eigen::Index r = 0; r < n; ++r) std::copy_n(scratch.row(r).data(), width, out.row(r).data() + offset);
        offset += width;
        first = last;
    }
}

bool Preprocessor::targetMissing(const Table& table, std::size_t row) const {
    const std::size_t col = requireColumn(table, m_target, "target");
    row = targetRow(row);
    if (row >= table.rowCount()) return true;
    return Table::isMissingText(table.text(col, row));
}

Matrix Preprocessor::targets(const Table& table, std::span<const std::size_t> rows) const {
    const std::size_t col = requireColumn(table, m_target, "target");
    const auto& c = table.column(col);
    Matrix y(Eigen::Index(rows.size()), 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t r = targetRow(rows[i]);
        if (r >= table.rowCount())
            throw SpecError(table.source() + ": the last row has no next row to take the target from");
        if (m_kind == TargetKind::Regression) {
            if (std::isnan(c.number(r))) {
                const std::string t = table.text(col, r);
                badCell(table, col, r, t.empty() ? "missing target value" : "target is not a number: \"" + t + "\"");
            }
            y(Eigen::Index(i), 0) = c.number(r);
            continue;
        }
        const std::string t = table.text(col, r);
        if (Table::isMissingText(t)) badCell(table, col, r, "missing target value");
        const auto it = std::find(m_classes.begin(), m_classes.end(), t);
        if (it == m_classes.end()) badCell(table, col, r, "label \"" + t + "\" was not seen in training");
        y(Eigen::Index(i), 0) = float(it - m_classes.begin());
    }
    return y;
}

Json Preprocessor::headJson() const {
    Json j = Json::object();
    j.set("version", 2);
    j.set("derived", DerivedColumn::listToJson(m_derived));
    return j;
}

Json Preprocessor::tailJson() const {
    Json j = Json::object();
    if (m_sequence != SequenceKind::None) {
        Json seq = Json::object();
        seq.set("kind", sequenceName(m_sequence));
        if (m_chars) seq.set("characters", m_chars->toJson());
        else seq.set("length", m_window);
        j.set("sequence", std::move(seq));
    }
    Json target = Json::object();
    target.set("column", m_target);
    target.set("kind", targetKindName(m_kind));
    Json classes = Json::array();
    for (const auto& c : m_classes) classes.push(c);
    target.set("classes", std::move(classes));
    j.set("target", std::move(target));
    return j;
}

Json Preprocessor::toJson() const {
    Json j = headJson();
    Json inputs = Json::array();
    for (const auto& e : m_encoders) inputs.push(e.toJson());
    j.set("inputs", std::move(inputs));
    const Json tail = tailJson();
    for (const auto& [key, value] : tail.asObject()) j.set(key, value);
    return j;
}

void Preprocessor::write(JsonWriter& out, std::string_view key) const {
    out.beginObject(key);
    const Json head = headJson(), tail = tailJson(); // named: a temporary's members would dangle in the loop
    for (const auto& [k, value] : head.asObject()) out.member(k, value);
    out.beginArray("inputs");
    for (const auto& e : m_encoders) out.item(e.toJson());
    out.end();
    for (const auto& [k, value] : tail.asObject()) out.member(k, value);
    out.end();
}

Preprocessor Preprocessor::fromJson(const Json& j) {
    Preprocessor p;
    const bool v1 = !j.find("version");
    if (!v1) {
        const auto version = j.at("version").asInt("preprocessing.version", 1, 1'000'000);
        if (version > 2)
            throw SpecError("preprocessing.version " + std::to_string(version) + " is newer than this LayerLab reads (2)");
    }
    if (const Json* d = j.find("derived")) p.m_derived = DerivedColumn::listFromJson(*d, "preprocessing.derived");
    for (const Json& in : j.at("inputs").asArray("preprocessing.inputs")) {
        if (v1)
            p.m_encoders.push_back(ColumnEncoder::numeric(in.at("column").asString("preprocessing.inputs[].column"),
                                                          float(in.at("mean").asNumber("preprocessing.inputs[].mean")),
                                                          float(in.at("scale").asNumber("preprocessing.inputs[].scale"))));
        else
            p.m_encoders.push_back(ColumnEncoder::fromJson(in));
    }
    if (const Json* seq = j.find("sequence")) {
        const std::string& kind = seq->at("kind").asString("preprocessing.sequence.kind");
        if (kind == "characters") {
            p.m_sequence = SequenceKind::Characters;
            p.m_chars = CharacterEncoder::fromJson(seq->at("characters"));
            if (!p.m_encoders.empty()) throw SpecError("preprocessing: a character sequence is the only input");
        } else if (kind == "window") {
            p.m_sequence = SequenceKind::Window;
            p.m_window = int(seq->at("length").asInt("preprocessing.sequence.length", 1, SequenceSpec::kMaxLength));
        } else {
            throw SpecError("preprocessing.sequence.kind: unknown kind \"" + kind + "\"");
        }
    }
    if (p.m_encoders.empty() && !p.m_chars) throw SpecError("preprocessing.inputs: no inputs");
    const Json& t = j.at("target");
    p.m_target = t.at("column").asString("preprocessing.target.column");
    const std::string& kind = t.at("kind").asString("preprocessing.target.kind");
    if (kind == "classes") p.m_kind = TargetKind::Classes;
    else if (kind == "binary") p.m_kind = TargetKind::Binary;
    else if (kind == "regression") p.m_kind = TargetKind::Regression;
    else throw SpecError("preprocessing.target.kind: unknown kind \"" + kind + "\"");
    for (const Json& c : t.at("classes").asArray("preprocessing.target.classes")) p.m_classes.push_back(c.asString("class label"));
    if (p.m_kind == TargetKind::Binary && p.m_classes.size() != 2) throw SpecError("preprocessing: a binary target needs two classes");
    if (p.m_kind == TargetKind::Classes && p.m_classes.size() < 2) throw SpecError("preprocessing: a class target needs two or more classes");
    return p;
}

} // namespace layerlab::engine::data
