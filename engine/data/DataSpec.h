// What the user decided about a data file: how to read it, each column's type and role, how to
// fill gaps, scale numbers and encode factors, which columns to derive by formula, how to split.
// Saved as the "data" section of a project; the CLI builds one from flags. Nothing here is
// learned from data: fitted values (means, vocabularies) live in the Preprocessor.
#pragma once

#include "CsvReader.h"
#include "core/Json.h"

#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::data {

enum class ColumnType { Auto, Numeric, Boolean, Factor, Date, Text };
enum class ColumnRole { Auto, Input, Target, Ignore };
enum class MissingPolicy { Drop, Mean, Median, MostFrequent, Constant };
enum class Scaling { ZScore, MinMax, None };
enum class FactorEncoding { OneHot, Embedding };
enum class SplitKind { Random, Stratified, Sequential };

const char* typeName(ColumnType t);
const char* roleName(ColumnRole r);
const char* missingName(MissingPolicy m);
const char* scalingName(Scaling s);
const char* encodingName(FactorEncoding e);
const char* splitName(SplitKind s);
std::optional<ColumnType> typeFromName(std::string_view name);
std::optional<ColumnRole> roleFromName(std::string_view name);
std::optional<MissingPolicy> missingFromName(std::string_view name);
std::optional<Scaling> scalingFromName(std::string_view name);
std::optional<FactorEncoding> encodingFromName(std::string_view name);
std::optional<SplitKind> splitFromName(std::string_view name);

/// One column's overrides; unset fields follow the DataSpec defaults.
struct ColumnOptions {
    std::string name;
    ColumnType type = ColumnType::Auto;
    ColumnRole role = ColumnRole::Auto;
    std::optional<MissingPolicy> missing;
    std::optional<Scaling> scaling;
    std::optional<FactorEncoding> encoding;
    std::optional<bool> indicator;     ///< add a "was missing" 0/1 input
    std::optional<int> minCount;       ///< factor levels seen fewer times share the unknown bucket
    std::optional<int> embeddingDims;  ///< 0 = chosen from the vocabulary size
    std::string fill;                  ///< value for MissingPolicy::Constant
    std::string trueValue;             ///< boolean: the text that means true ("made", "y", ...)
};

/// A column computed by a muParser formula over numeric columns (earlier derived ones included).
struct DerivedColumn {
    std::string name;
    std::string formula;

    /// [{"name": ..., "formula": ...}, ...]: the same in project and model files.
    static Json listToJson(const std::vector<DerivedColumn>& columns);
    /// Throws SpecError naming `what` (the key path) on a malformed entry.
    static std::vector<DerivedColumn> listFromJson(const Json& json, const std::string& what);
};

/// How rows become sequences for recurrent layers.
enum class SequenceKind {
    None,       ///< one row is one sample
    Characters, ///< one text column read character by character, padded (and masked) to `length`
    Window,     ///< the last `length` rows of the inputs predict the next row's target
};
const char* sequenceName(SequenceKind k);

struct SequenceSpec {
    static constexpr int kMaxLength = 1024;
    SequenceKind kind = SequenceKind::None;
    std::string column; ///< Characters: the text column (the only input)
    int length = 0;     ///< Characters: longest sequence kept, 0 = the longest training text; Window: steps
    bool operator==(const SequenceSpec&) const = default;
};

struct DataSpec {
    std::string path;                  ///< as written (a project stores it relative to itself)
    CsvOptions csv;                    ///< delimiter, header, ragged rows
    std::string target;
    std::vector<std::string> inputs;   ///< empty = every column whose role resolves to input
    std::vector<ColumnOptions> columns;
    std::vector<DerivedColumn> derived;
    MissingPolicy missing = MissingPolicy::Mean;
    Scaling scaling = Scaling::ZScore;
    FactorEncoding encoding = FactorEncoding::OneHot;
    bool indicators = false;
    int minCount = 1;
    SequenceSpec sequence;
    SplitKind split = SplitKind::Random; ///< a window always splits sequentially (no future in training)
    double validation = 0.2;
    double test = 0.2;

    /// The options of `name`, or nullptr.
    const ColumnOptions* options(std::string_view name) const;
    /// The options of `name`, created when missing.
    ColumnOptions& optionsFor(const std::string& name);

    /// Throws SpecError on values that cannot work (fractions, counts).
    void validate() const;
    Json toJson() const;
    /// Throws SpecError naming the bad key.
    static DataSpec fromJson(const Json& json);
};

} // namespace layerlab::engine::data
