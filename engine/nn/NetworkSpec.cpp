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

std::optional<Initializer> initializerFromName(std::string_view name) {
    for (const auto& [k, n] : kInits)
        if (n == name) return k;
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

std::vector<Shape> NetworkSpec::sequenceShapes() const { return sequenceShapes(nullptr); }

std::vector<Shape> NetworkSpec::sequenceShapes(std::vector<LayerError>* problems) const {
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
    // Collecting (the canvas): a layer's problem is noted and its shape unknown (width 0), and a
    // layer reading an unknown shape is unknown too, without a problem of its own.
    const auto unknown = [&](std::size_t i) {
        for (const int s : src[i])
            if (s >= 0 && result[std::size_t(s)].width == 0) return true;
        return false;
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        current = i;
        if (problems && unknown(i)) {
            result.push_back({1, 0});
            continue;
        }
        try {
            const LayerSpec& l = layers[i];
            const std::string who = describe(i);
            if (i + 1 < layers.size() && readers[i] == 0) {
                const SpecError dead(at(i, "from") + ": " + who + " feeds nothing; connect its output or delete it");
                if (!problems) throw dead;
                problems->emplace_back(i, dead.what()); // its shape is still known: the rest is labelled
            }
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
                const int read = shape.width; // the width it reads (shape.width grows below)
                for (const auto& c : l.columns) {
                    if (c.position <= previous || c.position >= read)
                        throw SpecError(at(i, "columns") + ": positions must increase and lie within the " + std::to_string(read) + " inputs");
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
        } catch (const LayerError&) {
            throw;
        } catch (const SpecError& e) {
            if (!problems) throw LayerError(current, e.what());
            problems->emplace_back(current, e.what());
            result.push_back({1, 0});
        }
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

} // namespace layerlab::engine::nn
