#include "DataFlags.h"

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine::data;

template <typename E, typename F>
E parseNamed(const ArgParser& a, const std::string& flag, F&& fromName, const char* allowed) {
    const std::string v = *a.value(flag);
    const auto e = fromName(v);
    if (!e) throw UsageError("--" + flag + ": unknown value \"" + v + "\" (use " + allowed + ")");
    return *e;
}

} // namespace

std::set<std::string> dataFlags() {
    return {"delimiter", "ragged", "factors", "numeric", "boolean", "dates", "ignore", "derive", "missing", "fill",
            "scaling", "encoding", "min-count", "split", "validation", "test", "characters", "window"};
}

void applyCsvFlags(const ArgParser& a, CsvOptions& csv) {
    if (auto v = a.value("delimiter")) {
        if (*v == "tab" || *v == "\\t") csv.delimiter = '\t';
        else if (v->size() == 1 && *v != "\"") csv.delimiter = (*v)[0];
        else throw UsageError("--delimiter: give one character, or \"tab\"");
    }
    if (a.has("no-header")) csv.header = false;
    if (auto v = a.value("ragged")) {
        if (*v == "error") csv.ragged = RaggedRows::Error;
        else if (*v == "pad") csv.ragged = RaggedRows::Pad;
        else if (*v == "skip") csv.ragged = RaggedRows::Skip;
        else throw UsageError("--ragged: unknown value \"" + *v + "\" (use error, pad or skip)");
    }
}

void applyDataFlags(const ArgParser& a, DataSpec& spec) {
    applyCsvFlags(a, spec.csv);
    auto setType = [&](const char* flag, ColumnType type) {
        if (!a.has(flag)) return;
        for (const auto& item : a.list(flag)) {
            // --boolean made_flag=made names the value that means true.
            const auto eq = item.find('=');
            const std::string name = item.substr(0, eq);
            if (name.empty()) throw UsageError(std::string("--") + flag + ": empty column name");
            ColumnOptions& o = spec.optionsFor(name);
            o.type = type;
            if (eq != std::string::npos) {
                if (type != ColumnType::Boolean) throw UsageError(std::string("--") + flag + ": \"" + item + "\": only --boolean takes COLUMN=VALUE");
                o.trueValue = item.substr(eq + 1);
            }
        }
    };
    setType("factors", ColumnType::Factor);
    setType("numeric", ColumnType::Numeric);
    setType("boolean", ColumnType::Boolean);
    setType("dates", ColumnType::Date);
    if (a.has("ignore"))
        for (const auto& name : a.list("ignore")) spec.optionsFor(name).role = ColumnRole::Ignore;
    for (const auto& d : a.values("derive")) {
        const auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == d.size()) throw UsageError("--derive: expected NAME=FORMULA, got \"" + d + "\"");
        spec.derived.push_back({d.substr(0, eq), d.substr(eq + 1)});
    }
    if (a.has("missing")) spec.missing = parseNamed<MissingPolicy>(a, "missing", missingFromName, "drop, mean, median, mode or constant");
    for (const auto& v : a.values("fill")) {
        // --fill COLUMN=VALUE for the constant policy; repeatable, one per column.
        const auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError("--fill: expected COLUMN=VALUE, got \"" + v + "\"");
        ColumnOptions& o = spec.optionsFor(v.substr(0, eq));
        o.missing = MissingPolicy::Constant;
        o.fill = v.substr(eq + 1);
    }
    if (a.has("indicators")) spec.indicators = true;
    if (a.has("scaling")) spec.scaling = parseNamed<Scaling>(a, "scaling", scalingFromName, "zscore, minmax or none");
    if (a.has("encoding")) spec.encoding = parseNamed<FactorEncoding>(a, "encoding", encodingFromName, "onehot or embedding");
    if (auto v = a.integer("min-count", 1, 1 << 30)) spec.minCount = int(*v);
    if (a.has("split")) spec.split = parseNamed<SplitKind>(a, "split", splitFromName, "random, stratified or sequential");
    if (auto v = a.value("characters")) {
        // COLUMN or COLUMN:LENGTH (the last colon splits: column names may hold colons).
        spec.sequence = {SequenceKind::Characters, *v, 0};
        if (const auto colon = v->rfind(':'); colon != std::string::npos) {
            const std::string n = v->substr(colon + 1);
            const long long length = std::atoll(n.c_str());
            if (std::to_string(length) == n) {
                if (length < 1 || length > SequenceSpec::kMaxLength)
                    throw UsageError("--characters: the length must be 1 to " + std::to_string(SequenceSpec::kMaxLength));
                spec.sequence = {SequenceKind::Characters, v->substr(0, colon), int(length)};
            }
        }
        if (spec.sequence.column.empty()) throw UsageError("--characters: name the text column (COLUMN or COLUMN:LENGTH)");
    }
    if (auto v = a.integer("window", 1, SequenceSpec::kMaxLength)) {
        if (spec.sequence.kind == SequenceKind::Characters) throw UsageError("--window and --characters cannot be combined");
        spec.sequence = {SequenceKind::Window, "", int(*v)};
    }
    if (auto v = a.number("validation", 0, 0.95)) spec.validation = *v;
    if (auto v = a.number("test", 0, 0.95)) spec.test = *v;
    if ((a.has("validation") || a.has("test")) && spec.validation + spec.test >= 1.0)
        throw UsageError("--validation " + a.value("validation").value_or(std::to_string(spec.validation)) + " and --test " +
                         a.value("test").value_or(std::to_string(spec.test)) +
                         " leave no rows to train on: their sum must be below 1");
}

} // namespace layerlab::app::cli
