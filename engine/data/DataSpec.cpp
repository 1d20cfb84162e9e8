#include "DataSpec.h"

#include "core/Error.h"

#include <array>
#include <utility>

namespace layerlab::engine::data {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

constexpr Names<ColumnType, 6> kTypes{{{ColumnType::Auto, "auto"}, {ColumnType::Numeric, "numeric"},
                                       {ColumnType::Boolean, "boolean"}, {ColumnType::Factor, "factor"},
                                       {ColumnType::Date, "date"}, {ColumnType::Text, "text"}}};
constexpr Names<ColumnRole, 4> kRoles{
    {{ColumnRole::Auto, "auto"}, {ColumnRole::Input, "input"}, {ColumnRole::Target, "target"}, {ColumnRole::Ignore, "ignore"}}};
constexpr Names<MissingPolicy, 5> kMissing{{{MissingPolicy::Drop, "drop"}, {MissingPolicy::Mean, "mean"},
                                            {MissingPolicy::Median, "median"}, {MissingPolicy::MostFrequent, "most_frequent"},
                                            {MissingPolicy::Constant, "constant"}}};
constexpr Names<Scaling, 3> kScaling{{{Scaling::ZScore, "zscore"}, {Scaling::MinMax, "minmax"}, {Scaling::None, "none"}}};
constexpr Names<FactorEncoding, 2> kEncodings{{{FactorEncoding::OneHot, "onehot"}, {FactorEncoding::Embedding, "embedding"}}};
constexpr Names<SplitKind, 3> kSplits{
    {{SplitKind::Random, "random"}, {SplitKind::Stratified, "stratified"}, {SplitKind::Sequential, "sequential"}}};

template <typename E, std::size_t N>
const char* nameOf(const Names<E, N>& names, E e) {
    for (const auto& [v, n] : names)
        if (v == e) return n;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> fromName(const Names<E, N>& names, std::string_view name) {
    for (const auto& [v, n] : names)
        if (name == n) return v;
    return std::nullopt;
}

template <typename E, std::size_t N>
E parseEnum(const Names<E, N>& names, const Json& j, const std::string& what) {
    const std::string& s = j.asString(what);
    if (auto e = fromName(names, s)) return *e;
    std::string allowed;
    for (const auto& [v, n] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    throw SpecError(what + ": unknown value \"" + s + "\" (use " + allowed + ")");
}

} // namespace

const char* typeName(ColumnType t) { return nameOf(kTypes, t); }
const char* roleName(ColumnRole r) { return nameOf(kRoles, r); }
const char* missingName(MissingPolicy m) { return nameOf(kMissing, m); }
const char* scalingName(Scaling s) { return nameOf(kScaling, s); }
const char* encodingName(FactorEncoding e) { return nameOf(kEncodings, e); }
const char* splitName(SplitKind s) { return nameOf(kSplits, s); }
std::optional<ColumnType> typeFromName(std::string_view n) { return fromName(kTypes, n); }
std::optional<ColumnRole> roleFromName(std::string_view n) { return fromName(kRoles, n); }
std::optional<MissingPolicy> missingFromName(std::string_view n) {
    if (n == "mode") return MissingPolicy::MostFrequent; // the short spelling people type
    return fromName(kMissing, n);
}
std::optional<Scaling> scalingFromName(std::string_view n) { return fromName(kScaling, n); }
std::optional<FactorEncoding> encodingFromName(std::string_view n) { return fromName(kEncodings, n); }
std::optional<SplitKind> splitFromName(std::string_view n) { return fromName(kSplits, n); }

Json DerivedColumn::listToJson(const std::vector<DerivedColumn>& columns) {
    Json list = Json::array();
    for (const auto& d : columns) {
        Json o = Json::object();
        o.set("name", d.name);
        o.set("formula", d.formula);
        list.push(std::move(o));
    }
    return list;
}

std::vector<DerivedColumn> DerivedColumn::listFromJson(const Json& json, const std::string& what) {
    std::vector<DerivedColumn> out;
    for (const Json& o : json.asArray(what))
        out.push_back({o.at("name").asString(what + "[].name"), o.at("formula").asString(what + "[].formula")});
    return out;
}

const ColumnOptions* DataSpec::options(std::string_view name) const {
    for (const auto& c : columns)
        if (c.name == name) return &c;
    return nullptr;
}

ColumnOptions& DataSpec::optionsFor(const std::string& name) {
    for (auto& c : columns)
        if (c.name == name) return c;
    ColumnOptions c;
    c.name = name;
    columns.push_back(std::move(c));
    return columns.back();
}

const char* sequenceName(SequenceKind k) {
    switch (k) {
    case SequenceKind::None: return "none";
    case SequenceKind::Characters: return "characters";
    case SequenceKind::Window: return "window";
    }
    return "?";
}

void DataSpec::validate() const {
    if (sequence.kind == SequenceKind::Characters && sequence.column.empty())
        throw SpecError("data.sequence.column: a character sequence needs its text column");
    if (sequence.kind == SequenceKind::Window && sequence.length < 1)
        throw SpecError("data.sequence.length: a window needs at least one step");
    if (sequence.length < 0 || sequence.length > SequenceSpec::kMaxLength)
        throw SpecError("data.sequence.length must be between 0 and " + std::to_string(SequenceSpec::kMaxLength));
    if (!(validation >= 0 && test >= 0 && validation + test < 1))
        throw SpecError("data.validation and data.test must be >= 0 and sum to less than 1");
    if (minCount < 1) throw SpecError("data.min_count must be at least 1");
    for (std::size_t i = 0; i < inputs.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (inputs[k] == inputs[i]) throw SpecError("data.inputs: column \"" + inputs[i] + "\" is listed twice");
    for (const auto& d : derived)
        if (d.name.empty() || d.formula.empty()) throw SpecError("a derived column needs a name and a formula");
}

Json DataSpec::toJson() const {
    Json j = Json::object();
    j.set("path", path);
    if (csv.delimiter) j.set("delimiter", std::string(1, csv.delimiter));
    if (!csv.header) j.set("header", false);
    if (csv.ragged != RaggedRows::Error) j.set("ragged", CsvReader::raggedName(csv.ragged));
    j.set("target", target);
    Json in = Json::array();
    for (const auto& i : inputs) in.push(i);
    j.set("inputs", std::move(in));
    Json cols = Json::object();
    for (const auto& c : columns) {
        Json o = Json::object();
        if (c.type != ColumnType::Auto) o.set("type", typeName(c.type));
        if (c.role != ColumnRole::Auto) o.set("role", roleName(c.role));
        if (c.missing) o.set("missing", missingName(*c.missing));
        if (c.scaling) o.set("scaling", scalingName(*c.scaling));
        if (c.encoding) o.set("encoding", encodingName(*c.encoding));
        if (c.indicator) o.set("indicator", *c.indicator);
        if (c.minCount) o.set("min_count", *c.minCount);
        if (c.embeddingDims) o.set("embedding_dims", *c.embeddingDims);
        if (!c.fill.empty()) o.set("fill", c.fill);
        if (!c.trueValue.empty()) o.set("true", c.trueValue);
        cols.set(c.name, std::move(o));
    }
    j.set("columns", std::move(cols));
    j.set("derived", DerivedColumn::listToJson(derived));
    j.set("missing", missingName(missing));
    j.set("scaling", scalingName(scaling));
    j.set("encoding", encodingName(encoding));
    j.set("indicators", indicators);
    j.set("min_count", minCount);
    if (sequence.kind != SequenceKind::None) {
        Json seq = Json::object();
        seq.set("kind", sequenceName(sequence.kind));
        if (!sequence.column.empty()) seq.set("column", sequence.column);
        seq.set("length", sequence.length);
        j.set("sequence", std::move(seq));
    }
    j.set("split", splitName(split));
    j.set("validation", validation);
    j.set("test", test);
    return j;
}

DataSpec DataSpec::fromJson(const Json& j) {
    DataSpec d;
    d.path = j.at("path").asString("data.path");
    if (const Json* v = j.find("delimiter")) {
        const std::string& s = v->asString("data.delimiter");
        if (s == "\\t" || s == "tab") d.csv.delimiter = '\t';
        else if (s.size() == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r') d.csv.delimiter = s[0];
        else throw SpecError("data.delimiter must be one character (not a quote or newline)");
    }
    if (const Json* v = j.find("header")) d.csv.header = v->asBool("data.header");
    if (const Json* v = j.find("ragged")) {
        const std::string& s = v->asString("data.ragged");
        if (s == "error") d.csv.ragged = RaggedRows::Error;
        else if (s == "pad") d.csv.ragged = RaggedRows::Pad;
        else if (s == "skip") d.csv.ragged = RaggedRows::Skip;
        else throw SpecError("data.ragged: unknown value \"" + s + "\" (use error, pad or skip)");
    }
    d.target = j.at("target").asString("data.target");
    if (const Json* in = j.find("inputs"))
        for (const Json& i : in->asArray("data.inputs")) d.inputs.push_back(i.asString("data.inputs[]"));
    if (const Json* cols = j.find("columns")) {
        for (const auto& [name, o] : cols->asObject("data.columns")) {
            const std::string at = "data.columns." + name;
            ColumnOptions c;
            c.name = name;
            if (const Json* v = o.find("type")) c.type = parseEnum(kTypes, *v, at + ".type");
            if (const Json* v = o.find("role")) c.role = parseEnum(kRoles, *v, at + ".role");
            if (const Json* v = o.find("missing")) c.missing = parseEnum(kMissing, *v, at + ".missing");
            if (const Json* v = o.find("scaling")) c.scaling = parseEnum(kScaling, *v, at + ".scaling");
            if (const Json* v = o.find("encoding")) c.encoding = parseEnum(kEncodings, *v, at + ".encoding");
            if (const Json* v = o.find("indicator")) c.indicator = v->asBool(at + ".indicator");
            if (const Json* v = o.find("min_count")) c.minCount = int(v->asInt(at + ".min_count", 1, 1 << 30));
            if (const Json* v = o.find("embedding_dims")) c.embeddingDims = int(v->asInt(at + ".embedding_dims", 0, 4096));
            if (const Json* v = o.find("fill")) c.fill = v->asString(at + ".fill");
            if (const Json* v = o.find("true")) c.trueValue = v->asString(at + ".true");
            d.columns.push_back(std::move(c));
        }
    }
    if (const Json* der = j.find("derived")) d.derived = DerivedColumn::listFromJson(*der, "data.derived");
    if (const Json* v = j.find("missing")) d.missing = parseEnum(kMissing, *v, "data.missing");
    if (const Json* v = j.find("scaling")) d.scaling = parseEnum(kScaling, *v, "data.scaling");
    if (const Json* v = j.find("encoding")) d.encoding = parseEnum(kEncodings, *v, "data.encoding");
    if (const Json* v = j.find("indicators")) d.indicators = v->asBool("data.indicators");
    if (const Json* v = j.find("min_count")) d.minCount = int(v->asInt("data.min_count", 1, 1 << 30));
    if (const Json* seq = j.find("sequence")) {
        seq->asObject("data.sequence");
        const std::string& kind = seq->at("kind").asString("data.sequence.kind");
        if (kind == "characters") d.sequence.kind = SequenceKind::Characters;
        else if (kind == "window") d.sequence.kind = SequenceKind::Window;
        else if (kind != "none") throw SpecError("data.sequence.kind: unknown kind \"" + kind + "\" (use characters, window or none)");
        if (const Json* v = seq->find("column")) d.sequence.column = v->asString("data.sequence.column");
        if (const Json* v = seq->find("length")) d.sequence.length = int(v->asInt("data.sequence.length", 0, SequenceSpec::kMaxLength));
    }
    if (const Json* v = j.find("split")) d.split = parseEnum(kSplits, *v, "data.split");
    if (const Json* v = j.find("validation")) d.validation = v->asNumber("data.validation");
    if (const Json* v = j.find("test")) d.test = v->asNumber("data.test");
    d.validate();
    return d;
}

} // namespace layerlab::engine::data
