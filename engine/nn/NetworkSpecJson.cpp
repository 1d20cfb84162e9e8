// NetworkSpec's JSON form (format "layerlab.network"): what project and model files hold. Apart
// from NetworkSpec.cpp (shapes and graph rules) to keep each file to one concern.
#include "NetworkSpec.h"

#include "core/Error.h"

namespace layerlab::engine::nn {
namespace {

std::string at(std::size_t i, const char* key) {
    return "network.layers[" + std::to_string(i) + "]." + key;
}

} // namespace

Json NetworkSpec::toJson() const {
    Json json = Json::object();
    json.set("format", "layerlab.network");
    // A chain of the kinds version 1 knew is written as version 1, byte for byte as before, so
    // older LayerLabs still read it; anything else says 2 (a version-1 reader would drop the
    // edges and run a wrong chain in silence).
    bool graph = !isChain();
    for (const LayerSpec& l : layers) graph = graph || LayerSpec::isMerge(l.type) || l.type == LayerType::BatchNorm ||
                                               l.type == LayerType::LayerNorm || l.type == LayerType::Select || !l.name.empty();
    json.set("version", graph ? kVersion : 1);
    json.set("inputs", inputs);
    if (steps > 1) {
        json.set("steps", steps);
        json.set("masked", masked);
    }
    Json list = Json::array();
    for (const LayerSpec& l : layers) {
        Json layer = Json::object();
        layer.set("type", std::string(layerTypeName(l.type)));
        if (l.id) layer.set("id", l.id);
        if (!l.name.empty()) layer.set("name", l.name);
        if (!l.from.empty()) {
            Json from = Json::array();
            for (const int id : l.from) from.push(id);
            layer.set("from", std::move(from));
        }
        switch (l.type) {
        case LayerType::Dense:
            layer.set("units", l.units);
            layer.set("init", std::string(initializerName(l.init)));
            break;
        case LayerType::Activation: layer.set("function", std::string(activationName(l.activation))); break;
        case LayerType::Dropout: layer.set("rate", static_cast<double>(l.rate)); break;
        case LayerType::Embedding: {
            Json cols = Json::array();
            for (const auto& c : l.columns) {
                Json o = Json::object();
                o.set("position", c.position);
                o.set("levels", c.levels);
                o.set("dims", c.dims);
                cols.push(std::move(o));
            }
            layer.set("columns", std::move(cols));
            break;
        }
        case LayerType::Recurrent:
            layer.set("cell", std::string(cellName(l.cell)));
            layer.set("units", l.units);
            layer.set("sequences", l.sequences);
            layer.set("bidirectional", l.bidirectional);
            break;
        case LayerType::Add:
        case LayerType::Concat:
        case LayerType::BatchNorm:
        case LayerType::LayerNorm: break;
        case LayerType::Select: {
            Json names = Json::array(), at = Json::array();
            for (const auto& n : l.select) names.push(n);
            for (const int p : l.positions) at.push(p);
            layer.set("columns", std::move(names));
            layer.set("positions", std::move(at));
            break;
        }
        }
        if (l.type == LayerType::Embedding && l.units > 0) layer.set("dims", l.units);
        list.push(std::move(layer));
    }
    json.set("layers", std::move(list));
    return json;
}

NetworkSpec NetworkSpec::fromJson(const Json& json) {
    json.asObject("network");
    if (const Json* v = json.find("version"); v && v->asInt("network.version", 1, 1'000'000) > kVersion)
        throw SpecError("network.version " + std::to_string(v->asInt("network.version", 1, 1'000'000)) +
                        " is newer than this LayerLab understands (" + std::to_string(kVersion) + ")");
    NetworkSpec spec;
    if (const Json* v = json.find("inputs")) spec.inputs = static_cast<int>(v->asInt("network.inputs", 0, 1 << 24));
    if (const Json* v = json.find("steps")) spec.steps = static_cast<int>(v->asInt("network.steps", 1, 1 << 20));
    if (const Json* v = json.find("masked")) spec.masked = v->asBool("network.masked");
    const auto& list = json.at("layers").asArray("network.layers");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& item = list[i];
        item.asObject(at(i, ""));
        LayerSpec l;
        const std::string& type = item.at("type").asString(at(i, "type"));
        if (const Json* v = item.find("id")) l.id = static_cast<int>(v->asInt(at(i, "id"), 0, 1 << 30));
        // Ids name layers for the canvas (and soon for graph edges): two layers with one id
        // would make every later reference ambiguous. 0 means "not assigned yet".
        for (const auto& earlier : spec.layers)
            if (l.id != 0 && earlier.id == l.id)
                throw SpecError(at(i, "id") + ": id " + std::to_string(l.id) + " is already used by an earlier layer");
        if (const Json* v = item.find("name")) l.name = v->asString(at(i, "name"));
        if (const Json* v = item.find("from"))
            for (const Json& id : v->asArray(at(i, "from"))) l.from.push_back(int(id.asInt(at(i, "from"), 0, 1 << 30)));
        if (type == "dense") {
            l.type = LayerType::Dense;
            if (const Json* v = item.find("units")) l.units = static_cast<int>(v->asInt(at(i, "units"), 0, 1 << 20));
            if (const Json* v = item.find("init")) {
                const std::string& name = v->asString(at(i, "init"));
                const auto init = initializerFromName(name);
                if (!init) throw SpecError(at(i, "init") + ": unknown initializer \"" + name + "\"");
                l.init = *init;
            }
        } else if (type == "activation") {
            l.type = LayerType::Activation;
            const std::string& name = item.at("function").asString(at(i, "function"));
            const auto a = activationFromName(name);
            if (!a) throw SpecError(at(i, "function") + ": unknown activation \"" + name + "\" (known: " + activationNames() + ")");
            l.activation = *a;
        } else if (type == "dropout") {
            l.type = LayerType::Dropout;
            l.rate = static_cast<float>(item.at("rate").asNumber(at(i, "rate")));
            if (!(l.rate >= 0.0f && l.rate < 1.0f)) throw SpecError(at(i, "rate") + ": must be in [0, 1)");
        } else if (type == "embedding") {
            l.type = LayerType::Embedding;
            if (const Json* v = item.find("dims")) l.units = int(v->asInt(at(i, "dims"), 1, 4096));
            for (const Json& c : item.at("columns").asArray(at(i, "columns")))
                l.columns.push_back({int(c.at("position").asInt(at(i, "columns.position"), 0, 1 << 24)),
                                     int(c.at("levels").asInt(at(i, "columns.levels"), 1, 1 << 24)),
                                     int(c.at("dims").asInt(at(i, "columns.dims"), 1, 4096))});
        } else if (type == "recurrent") {
            l.type = LayerType::Recurrent;
            const std::string& name = item.at("cell").asString(at(i, "cell"));
            const auto c = cellFromName(name);
            if (!c) throw SpecError(at(i, "cell") + ": unknown cell \"" + name + "\" (known: rnn, gru, lstm)");
            l.cell = *c;
            l.units = static_cast<int>(item.at("units").asInt(at(i, "units"), 1, 1 << 16));
            if (const Json* v = item.find("sequences")) l.sequences = v->asBool(at(i, "sequences"));
            if (const Json* v = item.find("bidirectional")) l.bidirectional = v->asBool(at(i, "bidirectional"));
        } else if (type == "add") {
            l.type = LayerType::Add;
        } else if (type == "concat") {
            l.type = LayerType::Concat;
        } else if (type == "batchnorm") {
            l.type = LayerType::BatchNorm;
        } else if (type == "layernorm") {
            l.type = LayerType::LayerNorm;
        } else if (type == "select") {
            l.type = LayerType::Select;
            for (const Json& n : item.at("columns").asArray(at(i, "columns"))) l.select.push_back(n.asString(at(i, "columns")));
            if (const Json* v = item.find("positions"))
                for (const Json& p : v->asArray(at(i, "positions"))) l.positions.push_back(int(p.asInt(at(i, "positions"), 0, 1 << 24)));
        } else {
            throw SpecError(at(i, "type") + ": unknown layer type \"" + type +
                            "\" (known: dense, activation, dropout, embedding, recurrent, add, concat, batchnorm, layernorm, select)");
        }
        spec.layers.push_back(l);
    }
    return spec;
}

} // namespace layerlab::engine::nn
