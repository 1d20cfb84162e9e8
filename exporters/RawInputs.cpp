#include "RawInputs.h"

#include "ExportError.h"

#include "data/Table.h"

#include <algorithm>
#include <cctype>

namespace layerlab::exporters {

using namespace layerlab::engine;

std::vector<RawInput> rawInputs(const model::Model& model, const std::string& format) {
    const auto& pre = model.preprocessing;
    if (!pre.derived().empty()) {
        std::string names;
        for (const auto& d : pre.derived()) names += (names.empty() ? "" : ", ") + d.name + " = " + d.formula;
        throw ExportError(format + " export cannot yet carry derived columns (" + names +
                          "): compute them before training, or export as JSON");
    }
    std::vector<RawInput> inputs;
    for (const data::ColumnEncoder& e : pre.encoders()) {
        RawInput in;
        in.column = e.column();
        in.encoder = &e;
        switch (e.type()) {
        case data::ColumnType::Date:
            throw ExportError(format + " export cannot read dates: column \"" + e.column() +
                              "\" is a date; store it as a number (days, a year) before training, or export as JSON");
        case data::ColumnType::Factor: in.kind = RawKind::Text; break;
        case data::ColumnType::Boolean: {
            const auto t = data::Table::parseNumber(e.trueValue());
            const auto f = data::Table::parseNumber(e.falseValue());
            if (t && f) {
                in.trueNumber = *t;
                in.falseNumber = *f;
            } else {
                in.kind = RawKind::Text;
            }
            break;
        }
        case data::ColumnType::Numeric:
        case data::ColumnType::Auto:
        case data::ColumnType::Text: break; // a number as it is (Auto and Text never reach a model)
        }
        inputs.push_back(std::move(in));
    }
    // An Embedding layer must sit on factor index columns (read directly or through a column
    // group): those are the only ones the exporters turn into table lookups.
    std::vector<int> factorIndexAt;
    int position = 0;
    for (const data::ColumnEncoder& e : pre.encoders()) {
        factorIndexAt.push_back(e.type() == data::ColumnType::Factor && e.encoding() == data::FactorEncoding::Embedding ? position : -1);
        position += e.width();
    }
    const auto& layers = model.network.layers;
    const auto sources = model.network.sources();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].type != nn::LayerType::Embedding) continue;
        const int s = sources[i][0];
        for (const auto& c : layers[i].columns) {
            const int at = s == nn::NetworkSpec::kInputSource ? c.position : layers[std::size_t(s)].positions[std::size_t(c.position)];
            if (std::find(factorIndexAt.begin(), factorIndexAt.end(), at) == factorIndexAt.end())
                throw ExportError(format + " export: the Embedding layer reads input " + std::to_string(at) +
                                  ", which is not the index of an embedding-encoded factor");
        }
    }
    return inputs;
}

std::size_t fillIndex(const data::ColumnEncoder& e) {
    return e.fillLevel().empty() ? e.vocabulary().size() : e.levelIndex(e.fillLevel());
}

std::vector<std::string> caseVariants(const std::string& s) {
    std::string lower = s, upper = s, capital = s;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    capital = lower;
    if (!capital.empty()) capital[0] = char(std::toupper(static_cast<unsigned char>(capital[0])));
    std::vector<std::string> v{s, lower, upper, capital};
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

} // namespace layerlab::exporters
