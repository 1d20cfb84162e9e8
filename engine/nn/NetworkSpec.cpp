#include "NetworkSpec.h"

#include "core/Error.h"

#include <algorithm>

namespace layerlab::engine::nn {
namespace {

constexpr std::pair<Initializer, std::string_view> kInits[] = {
    {Initializer::Auto, "auto"},           {Initializer::GlorotUniform, "glorot_uniform"},
    {Initializer::GlorotNormal, "glorot_normal"}, {Initializer::HeUniform, "he_uniform"},
    {Initializer::HeNormal, "he_normal"}, {Initializer::Zeros, "zeros"},
};

std::string at(std::size_t i, const char* key) {
    return "network.layers[" + std::to_string(i) + "]." + key;
}

} // namespace

std::string_view layerTypeName(LayerType t) {
    switch (t) {
    case LayerType::Dense: return "dense";
    case LayerType::Activation: return "activation";
    case LayerType::Dropout: return "dropout";
    case LayerType::Embedding: return "embedding";
    case LayerType::Recurrent: return "recurrent";
    case LayerType::Add: return "add";
    case LayerType::Concat: return "concat";
    case LayerType::BatchNorm: return "batchnorm";
    case LayerType::LayerNorm: return "layernorm";
    case LayerType::Select: return "select";
    }
    return "?";
}

std::string_view cellName(Cell c) {
    switch (c) {
    case Cell::Rnn: return "rnn";
    case Cell::Gru: return "gru";
    case Cell::Lstm: return "lstm";
    }
    return "?";
}

std::optional<Cell> cellFromName(std::string_view name) {
    for (const Cell c : {Cell::Rnn, Cell::Gru, Cell::Lstm})
        if (cellName(c) == name) return c;
    return std::nullopt;
}

std::string_view initializerName(Initializer i) {
    for (const auto& [k, n] : kInits)
        if (k == i) return n;
    return "?";
}

LayerSpec LayerSpec::dense(int units, Initializer init) {
    LayerSpec s;
    s.type = LayerType::Dense;
    s.units = units;
    s.init = init;
    return s;
}

LayerSpec LayerSpec::act(Activation a) {
    LayerSpec s;
    s.type = LayerType::Activation;
    s.activation = a;
    return s;
}

LayerSpec LayerSpec::dropout(float rate) {
    LayerSpec s;
    s.type = LayerType::Dropout;
    s.rate = rate;
    return s;
}

LayerSpec LayerSpec::embedding(std::vector<EmbeddingColumn> columns) {
    LayerSpec s;
    s.type = LayerType::Embedding;
    s.columns = std::move(columns);
    return s;
}

LayerSpec LayerSpec::recurrent(Cell cell, int units, bool sequences, bool bidirectional) {
    LayerSpec s;
    s.type = LayerType::Recurrent;
    s.cell = cell;
    s.units = units;
    s.sequences = sequences;
    s.bidirectional = bidirectional;
    return s;
}

LayerSpec LayerSpec::of(LayerType type, std::vector<int> from) {
    LayerSpec s;
    s.type = type;
    s.from = std::move(from);
    return s;
}

NetworkSpec NetworkSpec::mlp(int inputs, const std::vector<int>& hidden, Activation activation, int outputs) {
    NetworkSpec spec;
    spec.inputs = inputs;
    for (const int h : hidden) {
        spec.layers.push_back(LayerSpec::dense(h));
        spec.layers.push_back(LayerSpec::act(activation));
    }
    spec.layers.push_back(LayerSpec::dense(outputs));
    int id = 1;
    for (auto& l : spec.layers) l.id = id++;
    return spec;
}

std::string NetworkSpec::describe(std::size_t i) const {
    const LayerSpec& l = layers[i];
    const std::string kind = std::string(layerTypeName(l.type));
    if (!l.name.empty()) return "\"" + l.name + "\" (" + kind + ")";
    return "layer " + std::to_string(i + 1) + " (" + kind + ")";
}

std::vector<std::vector<int>> NetworkSpec::sources() const {
    std::vector<std::vector<int>> result(layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        if (l.from.empty()) {
            result[i] = {i == 0 ? kInputSource : int(i) - 1};
            continue;
        }
        for (const int id : l.from) {
            if (id == LayerSpec::kInput) {
                result[i].push_back(kInputSource);
                continue;
            }
            int found = -1;
            for (std::size_t j = 0; j < layers.size(); ++j)
                if (layers[j].id == id) found = int(j);
            if (found < 0) throw LayerError(i, at(i, "from") + ": " + describe(i) + " reads layer id " + std::to_string(id) + ", which does not exist");
            if (found >= int(i))
                throw LayerError(i, at(i, "from") + ": " + describe(i) + " reads " + describe(std::size_t(found)) +
                                ", which is not listed before it (a connection may not go back: the graph must have no cycle)");
            result[i].push_back(found);
        }
    }
    return result;
}

bool NetworkSpec::isChain() const {
    const auto src = sources();
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (src[i].size() != 1 || src[i][0] != (i == 0 ? kInputSource : int(i) - 1)) return false;
    return true;
}

std::vector<Shape> NetworkSpec::sequenceShapes() const {
    if (inputs <= 0) throw SpecError("network: the input width is not set (no input columns?)");
    if (layers.empty()) throw SpecError("network: no layers");
    if (steps < 1 || inputs % steps != 0)
        throw SpecError("network: " + std::to_string(inputs) + " inputs cannot be split into " + std::to_string(steps) + " steps");
    const std::vector<std::vector<int>> src = sources();
    std::vector<int> readers(layers.size(), 0);
    for (const auto& list : src)
        for (const int s : list)
            if (s >= 0) ++readers[std::size_t(s)];
    std::vector<Shape> result;
    const Shape input{steps, inputs};
    double parameters = 0; // refuse a spec that could never be allocated, before anything is
    std::size_t current = 0; // the layer a problem is found at, for LayerError
    try {
        for (std::size_t i = 0; i < layers.size(); ++i) {
            current = i;
            const LayerSpec& l = layers[i];
            const std::string who = describe(i);
            if (i + 1 < layers.size() && readers[i] == 0)
                throw SpecError(at(i, "from") + ": " + who + " feeds nothing; connect its output or delete it");
            const bool merge = LayerSpec::isMerge(l.type);
            if (merge && src[i].size() < 2)
                throw SpecError(at(i, "from") + ": " + who + " joins two or more inputs; connect another layer to it");
            if (!merge && src[i].size() != 1)
                throw SpecError(at(i, "from") + ": " + who + " reads one input; join several with add or concat first");
            const auto shapeOf = [&](int s) { return s == kInputSource ? input : result[std::size_t(s)]; };
            Shape shape = shapeOf(src[i][0]);
            const auto plainRows = [&](const char* what) {
                if (shape.steps > 1)
                    throw SpecError(at(i, "type") + ": " + who + " " + what + " plain rows, not a sequence of " + std::to_string(shape.steps) +
                                    " steps; put it after a dense layer or a recurrent layer without sequences");
            };
            switch (l.type) {
            case LayerType::Dense: parameters += (double(shape.width) + 1) * std::max(0, l.units); break;
            case LayerType::Recurrent: {
                const double g = l.cell == Cell::Lstm ? 4 : l.cell == Cell::Gru ? 3 : 1, h = std::max(0, l.units);
                parameters += (l.bidirectional ? 2 : 1) * (g * h * (double(shape.features()) + h + 1) + h);
                break;
            }
            case LayerType::Embedding:
                for (const auto& c : l.columns) parameters += double(c.levels) * c.dims;
                break;
            case LayerType::BatchNorm:
            case LayerType::LayerNorm: parameters += 2.0 * shape.width; break;
            case LayerType::Activation:
            case LayerType::Dropout:
            case LayerType::Add:
            case LayerType::Concat:
            case LayerType::Select: break;
            }
            if (parameters > kMaxParameters)
                throw SpecError(at(i, "units") + ": the network would have more than " + std::to_string(std::int64_t(kMaxParameters)) +
                                " parameters; make the layers smaller");
            switch (l.type) {
            case LayerType::Dense:
                // A dense layer reads the whole row: after it there is one step.
                if (l.units <= 0) throw SpecError(at(i, "units") + ": a dense layer needs at least one unit");
                shape = {1, l.units};
                break;
            case LayerType::Recurrent: {
                if (l.units <= 0) throw SpecError(at(i, "units") + ": a recurrent layer needs at least one unit");
                const int width = l.units * (l.bidirectional ? 2 : 1);
                shape = l.sequences ? Shape{shape.steps, shape.steps * width} : Shape{1, width};
                break;
            }
            case LayerType::Dropout:
                if (!(l.rate >= 0.0f && l.rate < 1.0f)) throw SpecError(at(i, "rate") + ": dropout rate must be in [0, 1)");
                break;
            case LayerType::Activation: break;
            case LayerType::Embedding: {
                const int s = src[i][0];
                if (s != kInputSource && layers[std::size_t(s)].type != LayerType::Select)
                    throw SpecError(at(i, "type") + ": " + who + " must read the input row or a group of its columns (input[COL,...]): it reads level indices");
                if (steps > 1) throw SpecError(at(i, "type") + ": an embedding layer cannot read a sequence input (characters and windows encode factors one-hot: set the factor encoding to onehot)");
                if (l.columns.empty()) throw SpecError(at(i, "columns") + ": an embedding layer needs at least one column");
                int previous = -1;
                for (const auto& c : l.columns) {
                    if (c.position <= previous || c.position >= shape.width)
                        throw SpecError(at(i, "columns") + ": positions must increase and lie within the " + std::to_string(shape.width) + " inputs");
                    if (c.levels < 1 || c.dims < 1) throw SpecError(at(i, "columns") + ": levels and dims must be at least 1");
                    previous = c.position;
                    shape.width += c.dims - 1;
                }
                break;
            }
            case LayerType::Add:
                for (std::size_t k = 1; k < src[i].size(); ++k) {
                    const Shape other = shapeOf(src[i][k]);
                    if (other.steps != shape.steps || other.width != shape.width) {
                        const std::string a = std::to_string(shape.width), b = std::to_string(other.width);
                        throw SpecError(at(i, "from") + ": " + who + " needs equal widths: " + a + " and " + b + " — set both to " +
                                        std::to_string(std::max(shape.width, other.width)) + ", or use concat");
                    }
                }
                break;
            case LayerType::Concat:
                plainRows("joins");
                for (std::size_t k = 1; k < src[i].size(); ++k) {
                    const Shape other = shapeOf(src[i][k]);
                    if (other.steps > 1)
                        throw SpecError(at(i, "from") + ": " + who + " joins plain rows, not a sequence of " + std::to_string(other.steps) +
                                        " steps; put a recurrent layer without sequences before it");
                    shape.width += other.width;
                }
                break;
            case LayerType::BatchNorm: plainRows("normalizes"); break;
            case LayerType::LayerNorm: plainRows("normalizes"); break;
            case LayerType::Select: {
                if (src[i][0] != kInputSource) throw SpecError(at(i, "from") + ": " + who + " selects columns of the input row; connect it to the input");
                if (steps > 1) throw SpecError(at(i, "type") + ": " + who + " cannot pick columns of a sequence input");
                if (l.positions.empty())
                    throw SpecError(at(i, "positions") + ": " + who + " (input[...]) is not bound to the data's columns yet");
                int previous = -1;
                for (const int p : l.positions) {
                    if (p <= previous || p >= inputs)
                        throw SpecError(at(i, "positions") + ": positions must increase and lie within the " + std::to_string(inputs) + " inputs");
                    previous = p;
                }
                shape = {1, int(l.positions.size())};
                break;
            }
            }
            result.push_back(shape);
        }
    } catch (const LayerError&) {
        throw;
    } catch (const SpecError& e) {
        throw LayerError(current, e.what());
    }
    return result;
}

std::vector<int> NetworkSpec::shapes() const {
    std::vector<int> widths;
    for (const Shape& s : sequenceShapes()) widths.push_back(s.width);
    return widths;
}

bool NetworkSpec::hasRecurrent() const {
    for (const auto& l : layers)
        if (l.type == LayerType::Recurrent) return true;
    return false;
}

int NetworkSpec::outputs() const { return shapes().back(); }

void NetworkSpec::prepend(LayerSpec first) {
    int top = 0;
    bool graph = false;
    for (const auto& l : layers) {
        top = std::max(top, l.id);
        graph = graph || !l.from.empty();
    }
    if (graph && first.id == 0) first.id = top + 1; // a chain keeps what it had: its files stay byte for byte
    for (auto& l : layers)
        for (int& id : l.from)
            if (id == LayerSpec::kInput) id = first.id;
    first.from.clear();
    layers.insert(layers.begin(), std::move(first));
}

void NetworkSpec::bind(int inputWidth, int outputWidth, int inputSteps, bool inputMasked) {
    if (inputs != 0 && inputs != inputWidth)
        throw SpecError("network expects " + std::to_string(inputs) + " inputs but the data has " +
                        std::to_string(inputWidth) + " input columns");
    inputs = inputWidth;
    steps = inputSteps;
    masked = inputMasked;
    LayerSpec* last = nullptr;
    for (auto& l : layers)
        if (l.type == LayerType::Dense) last = &l;
    if (!last) throw SpecError("network: needs at least one dense layer");
    if (last->units == 0) last->units = outputWidth;
    if (last->units != outputWidth)
        throw SpecError("the last dense layer has " + std::to_string(last->units) + " units but the target needs " +
                        std::to_string(outputWidth));
}

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
                bool found = false;
                for (const auto& [k, n] : kInits)
                    if (n == name) l.init = k, found = true;
                if (!found) throw SpecError(at(i, "init") + ": unknown initializer \"" + name + "\"");
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
