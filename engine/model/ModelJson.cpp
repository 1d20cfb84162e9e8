#include "ModelJson.h"

#include "ModelFile.h"

#include "core/Error.h"
#include "nn/Network.h"

#include <cmath>
#include <cstdlib>
#include <functional>

namespace layerlab::engine::model {
namespace {

// A float as the double whose shortest JSON text is the float's shortest text ("0.1", not
// "0.10000000149011612"), when that double still rounds back to the same float; else the exact
// double value of the float (always reads back exactly).
double readable(float f) {
    const double d = std::strtod(data::Table::formatNumber(f).c_str(), nullptr);
    return static_cast<float>(d) == f ? d : double(f);
}

// The named arrays of `values` (the parameters, or the state) laid out by `views`.
Json namedArrays(const std::vector<nn::ParameterView>& views, const std::vector<float>& values) {
    Json params = Json::array();
    for (const nn::ParameterView& v : views) {
        Json rows = Json::array();
        for (int r = 0; r < v.rows; ++r) {
            Json row = Json::array();
            for (int c = 0; c < v.cols; ++c) row.push(readable(values[v.offset + std::size_t(r) * std::size_t(v.cols) + std::size_t(c)]));
            rows.push(std::move(row));
        }
        Json p = Json::object();
        p.set("name", v.name);
        p.set("layer", v.layer);
        Json dims = Json::array();
        dims.push(v.rows);
        dims.push(v.cols);
        p.set("shape", std::move(dims));
        p.set("values", std::move(rows));
        params.push(std::move(p));
    }
    return params;
}

// Reads namedArrays()'s form back into `values`; `key` names the member in errors.
void readNamedArrays(const Json& list, const char* key, const std::vector<nn::ParameterView>& views, std::vector<float>& values,
                     const std::function<FileError(const std::string&)>& bad) {
    const Json::Array& params = list.asArray(key);
    if (params.size() != views.size())
        throw bad("\"" + std::string(key) + "\" lists " + std::to_string(params.size()) + " entries but the network has " +
                  std::to_string(views.size()) + " arrays there");
    for (std::size_t k = 0; k < views.size(); ++k) {
        const nn::ParameterView& v = views[k];
        const std::string at = std::string(key) + "[" + std::to_string(k) + "]";
        const std::string& name = params[k].at("name").asString(at + ".name");
        if (name != v.name) throw bad(at + ".name is \"" + name + "\", expected \"" + v.name + "\"");
        const Json::Array& rows = params[k].at("values").asArray(at + ".values");
        if (rows.size() != std::size_t(v.rows))
            throw bad(at + " (" + v.name + ") has " + std::to_string(rows.size()) + " rows, expected " + std::to_string(v.rows));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const Json::Array& row = rows[r].asArray(at + ".values[]");
            if (row.size() != std::size_t(v.cols))
                throw bad(at + " (" + v.name + ") row " + std::to_string(r) + " has " + std::to_string(row.size()) +
                          " values, expected " + std::to_string(v.cols));
            for (std::size_t c = 0; c < row.size(); ++c) {
                const double d = row[c].asNumber(at + ".values[][]");
                const auto f = static_cast<float>(d);
                if (!std::isfinite(d) || !std::isfinite(f)) throw bad(at + " (" + v.name + ") holds a value that is not a finite float");
                values[v.offset + r * std::size_t(v.cols) + c] = f;
            }
        }
    }
}

} // namespace

Json ModelJson::toJson(const Model& model) {
    const nn::Network shape(model.network);
    Json params = namedArrays(shape.parameterViews(), model.parameters);
    Json j = Json::object();
    j.set("format", kFormat);
    j.set("version", kVersion);
    j.set("loss", std::string(nn::lossName(model.loss)));
    j.set("network", model.network.toJson());
    j.set("preprocessing", model.preprocessing.toJson());
    j.set("parameters", std::move(params));
    if (!shape.stateViews().empty()) j.set("state", namedArrays(shape.stateViews(), model.state));
    j.set("provenance", model.provenance);
    return j;
}

Model ModelJson::fromJson(const Json& j, const std::string& source) {
    auto bad = [&](const std::string& why) { return FileError(source, 0, 0, "not a valid model: " + why); };
    Model m = ModelFile::readDescription(j, kFormat, kVersion, source);
    try {
        const nn::Network shape(m.network);
        m.parameters.assign(shape.parameterCount(), 0.0f);
        readNamedArrays(j.at("parameters"), "parameters", shape.parameterViews(), m.parameters, bad);
        m.state.assign(shape.state().size(), 0.0f);
        if (!shape.stateViews().empty()) readNamedArrays(j.at("state"), "state", shape.stateViews(), m.state, bad);
        return m;
    } catch (const SpecError& e) {
        throw bad(e.what());
    }
}

} // namespace layerlab::engine::model
