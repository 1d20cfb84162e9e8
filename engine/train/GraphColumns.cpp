#include "GraphColumns.h"

#include "core/Error.h"

#include <map>
#include <set>

namespace layerlab::engine::train {
namespace {

struct Feature {
    std::string column;
    const data::ColumnEncoder* encoder = nullptr;
    bool index = false; // a factor's level index (embedding encoding)
};

std::vector<Feature> features(const data::Preprocessor& pre) {
    std::vector<Feature> out;
    for (const auto& e : pre.encoders()) {
        const bool index = e.type() == data::ColumnType::Factor && e.encoding() == data::FactorEncoding::Embedding;
        for (int k = 0; k < e.width(); ++k) out.push_back({e.column(), &e, index && k == 0});
    }
    return out;
}

} // namespace

bool placesColumns(const nn::NetworkSpec& spec) {
    for (const auto& l : spec.layers)
        if (l.type == nn::LayerType::Select || (l.type == nn::LayerType::Embedding && !l.from.empty())) return true;
    return false;
}

void bindColumns(nn::NetworkSpec& spec, const data::Preprocessor& pre) {
    const std::vector<Feature> row = features(pre);
    std::string inputs;
    for (const auto& e : pre.encoders()) inputs += (inputs.empty() ? "" : ", ") + e.column();
    // Positions of each Select's columns, in the order written.
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        nn::LayerSpec& l = spec.layers[i];
        if (l.type != nn::LayerType::Select) continue;
        l.positions.clear();
        std::set<std::string> seen;
        std::string group;
        for (const auto& c : l.select) group += (group.empty() ? "" : ",") + c;
        for (const std::string& column : l.select) {
            if (!seen.insert(column).second) throw SpecError("input[" + group + "]: \"" + column + "\" is named twice");
            bool found = false;
            for (std::size_t p = 0; p < row.size(); ++p)
                if (row[p].column == column) l.positions.push_back(int(p)), found = true;
            if (!found) throw SpecError("input[" + group + "]: \"" + column + "\" is not an input column (inputs: " + inputs + ")");
        }
        // Positions increase (the row's order), whatever order the columns were written in.
        std::sort(l.positions.begin(), l.positions.end());
    }
    const auto sources = spec.sources();
    const auto positionsOf = [&](int s) {
        std::vector<int> at;
        if (s == nn::NetworkSpec::kInputSource)
            for (std::size_t p = 0; p < row.size(); ++p) at.push_back(int(p));
        else at = spec.layers[std::size_t(s)].positions;
        return at;
    };
    // Each graph embedding: the index columns among what it reads.
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        nn::LayerSpec& l = spec.layers[i];
        if (l.type != nn::LayerType::Embedding || l.from.empty()) continue;
        l.columns.clear();
        const std::vector<int> at = positionsOf(sources[i][0]);
        std::string oneHot;
        for (std::size_t k = 0; k < at.size(); ++k) {
            const Feature& f = row[std::size_t(at[k])];
            if (f.index)
                l.columns.push_back({int(k), int(f.encoder->vocabulary().size()) + 1, l.units > 0 ? l.units : f.encoder->embeddingDims()});
            else if (f.encoder->type() == data::ColumnType::Factor && oneHot.find(f.column) == std::string::npos)
                oneHot += (oneHot.empty() ? "" : ", ") + f.column;
        }
        if (l.columns.empty())
            throw SpecError(spec.describe(i) + " reads no factor encoded as level indices" +
                            (oneHot.empty() ? std::string() : " (" + oneHot + " is one-hot)") +
                            ": set the factor's encoding to embedding (--encoding embedding)");
    }
    // No other layer may read a level index as a number.
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const auto type = spec.layers[i].type;
        if (type == nn::LayerType::Embedding) continue;
        for (const int s : sources[i]) {
            const bool raw = s == nn::NetworkSpec::kInputSource || spec.layers[std::size_t(s)].type == nn::LayerType::Select;
            if (!raw || (type == nn::LayerType::Select && s == nn::NetworkSpec::kInputSource)) continue;
            for (const int p : positionsOf(s))
                if (row[std::size_t(p)].index)
                    throw SpecError(spec.describe(i) + " reads \"" + row[std::size_t(p)].column +
                                    "\" as a number, but it holds a factor's level indices: read it through embedding(dims)(input[" +
                                    row[std::size_t(p)].column + "]) and the other columns through input[...]");
        }
    }
}

std::vector<nn::Shape> boundShapes(nn::NetworkSpec spec, const data::Preprocessor& pre) { return boundShapes(std::move(spec), pre, nullptr); }

std::vector<nn::Shape> boundShapes(nn::NetworkSpec spec, const data::Preprocessor& pre, std::vector<nn::LayerError>* problems) {
    if (placesColumns(spec)) bindColumns(spec, pre);
    spec.inputs = 0; // the data's width, whatever the file said
    spec.bind(pre.inputWidth(), pre.outputWidth(), pre.steps(), pre.masked());
    return spec.sequenceShapes(problems);
}

} // namespace layerlab::engine::train
