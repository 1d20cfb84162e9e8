#include "OnnxExporter.h"

#include "ExportError.h"
#include "OnnxGraph.h"
#include "OnnxRecurrent.h"
#include "RawInputs.h"

#include "data/Table.h"
#include "nn/Network.h"
#include "nn/NormLayer.h"

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace layerlab::exporters {
namespace {

using namespace layerlab::engine;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
const char* kMl = "ai.onnx.ml";

// One piece of the network's input row: a [N, width] float value, and for an embedding-encoded
// factor also its level index as int64 [N] (what an Embedding layer looks up).
struct Block {
    std::string value;
    int width = 1;
    std::string index;
};

class Builder {
public:
    Builder(OnnxGraph& g, const model::Model& m) : m_g(g), m_model(m) {}

    std::vector<Block> inputs(const std::vector<RawInput>& raw) {
        std::vector<Block> blocks;
        if (const auto& chars = m_model.preprocessing.characters()) {
            blocks.push_back({OnnxRecurrent(m_g).characters(*chars, m_lens), chars->width(), {}});
            return blocks;
        }
        // A window model takes each column as [N, steps] (oldest first), encoded as [N·steps, 1].
        const int steps = m_model.preprocessing.steps();
        for (const RawInput& raw1 : raw) {
            const bool text = raw1.kind == RawKind::Text;
            m_g.input(raw1.column, text ? OnnxGraph::kString : OnnxGraph::kFloat, steps);
            RawInput in = raw1;
            if (steps > 1) in.column = m_g.node("Reshape", {raw1.column, m_g.int64s("rows", {2}, {-1, 1})}, "window").output(0);
            const data::ColumnEncoder& e = *in.encoder;
            if (e.type() == data::ColumnType::Factor) factor(in.column, e, blocks);
            else numeric(in, e, blocks);
        }
        return blocks;
    }

    /// Applies every layer to the concatenated input blocks, in the spec's (topological) order,
    /// each reading its sources' outputs; returns the network output [N, outputs].
    std::string network(std::vector<Block> blocks) {
        const nn::Network shape(m_model.network);
        const auto& views = shape.parameterViews();
        const auto& stateViews = shape.stateViews();
        const auto tensor = [&](const nn::ParameterView& v, const std::vector<float>& from, std::vector<std::int64_t> dims) {
            return m_g.floats(v.name, std::move(dims),
                              std::vector<float>(from.begin() + std::ptrdiff_t(v.offset), from.begin() + std::ptrdiff_t(v.offset + v.size())));
        };
        // The first view of layer i, and of its state: views are in layer order.
        const auto firstView = [](const std::vector<nn::ParameterView>& list, int layer) {
            std::size_t k = 0;
            while (k < list.size() && list[k].layer != layer) ++k;
            return k;
        };
        const auto& layers = m_model.network.layers;
        const auto shapes = m_model.network.sequenceShapes();
        const auto sources = m_model.network.sources();
        std::string input; // the encoded input row, built when a layer first reads it
        const auto inputRow = [&] {
            if (input.empty()) {
                input = concat(blocks);
                const int steps = m_model.preprocessing.steps();
                if (steps > 1 && !m_model.preprocessing.characters()) // [N·steps, row] → [N, steps·row]
                    input = m_g.node("Reshape", {input, m_g.int64s("window", {2}, {-1, m_model.network.inputs})}, "windows").output(0);
            }
            return input;
        };
        std::vector<std::string> outs(layers.size());
        const auto read = [&](int s) { return s == nn::NetworkSpec::kInputSource ? inputRow() : outs[std::size_t(s)]; };
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const nn::LayerSpec& l = layers[i];
            const int src = sources[i][0];
            const std::size_t view = firstView(views, int(i));
            switch (l.type) {
            case nn::LayerType::Embedding: { // reads the input row or a group of its columns (the spec guarantees it)
                // Each listed index column becomes a lookup in its [levels × dims] table; the
                // others pass through. The input blocks stay as they are for other readers.
                const auto table = [&](std::size_t k) { return tensor(views[view + k], m_model.parameters, {views[view + k].rows, views[view + k].cols}); };
                if (src == nn::NetworkSpec::kInputSource) {
                    std::vector<Block> local = blocks;
                    int position = 0;
                    for (Block& b : local) {
                        const int width = b.width;
                        for (std::size_t k = 0; k < l.columns.size(); ++k) {
                            if (l.columns[k].position != position) continue;
                            b.value = m_g.node("Gather", {table(k), b.index}, "embedded").output(0);
                            b.width = l.columns[k].dims;
                        }
                        position += width;
                    }
                    outs[i] = concat(local);
                    break;
                }
                const std::vector<int>& picked = layers[std::size_t(src)].positions;
                std::vector<Block> parts;
                for (std::size_t k = 0; k < picked.size(); ++k) {
                    const auto column = std::find_if(l.columns.begin(), l.columns.end(), [&](const auto& c) { return c.position == int(k); });
                    if (column == l.columns.end()) {
                        auto& one = m_g.node("Gather", {inputRow(), m_g.int64s("column", {1}, {picked[k]})}, "picked");
                        OnnxGraph::attr(one, "axis", std::int64_t(1));
                        parts.push_back({one.output(0), 1, {}});
                        continue;
                    }
                    parts.push_back({m_g.node("Gather", {table(std::size_t(column - l.columns.begin())), indexAt(blocks, picked[k])}, "embedded")
                                         .output(0),
                                     column->dims, {}});
                }
                outs[i] = concat(parts);
                break;
            }
            case nn::LayerType::Select: {
                auto& n = m_g.node("Gather", {read(src), m_g.int64s("columns", {std::int64_t(l.positions.size())},
                                                                    std::vector<std::int64_t>(l.positions.begin(), l.positions.end()))},
                                   "select");
                OnnxGraph::attr(n, "axis", std::int64_t(1));
                outs[i] = n.output(0);
                break;
            }
            case nn::LayerType::Recurrent: {
                const nn::Shape in = src == nn::NetworkSpec::kInputSource ? nn::Shape{m_model.network.steps, m_model.network.inputs}
                                                                          : shapes[std::size_t(src)];
                std::size_t begin = views[view].offset, end = begin;
                for (std::size_t k = view; k < views.size() && views[k].layer == int(i); ++k) end = views[k].offset + views[k].size();
                // Padding is known from the input, so only layers that still see the input's steps mask.
                const bool masked = m_model.network.masked && in.steps == m_model.network.steps;
                outs[i] = OnnxRecurrent(m_g).layer(l, in.steps, in.features(),
                                                   std::span<const float>(m_model.parameters).subspan(begin, end - begin), read(src),
                                                   masked ? m_lens : std::string());
                break;
            }
            case nn::LayerType::Dense: {
                const auto& w = views[view];
                const auto& b = views[view + 1];
                outs[i] = m_g.node("Gemm", {read(src), tensor(w, m_model.parameters, {w.rows, w.cols}), tensor(b, m_model.parameters, {b.cols})},
                                   "dense")
                              .output(0);
                break;
            }
            case nn::LayerType::Activation: outs[i] = activation(l.activation, read(src)); break;
            case nn::LayerType::Dropout: outs[i] = read(src); break; // the identity at inference
            case nn::LayerType::Add: {
                std::string sum = read(src);
                for (std::size_t k = 1; k < sources[i].size(); ++k) sum = m_g.node("Add", {sum, read(sources[i][k])}, "add").output(0);
                outs[i] = sum;
                break;
            }
            case nn::LayerType::Concat: {
                std::vector<std::string> parts;
                for (const int s : sources[i]) parts.push_back(read(s));
                auto& n = m_g.node("Concat", parts, "concat");
                OnnxGraph::attr(n, "axis", std::int64_t(1));
                outs[i] = n.output(0);
                break;
            }
            case nn::LayerType::BatchNorm: {
                const std::size_t st = firstView(stateViews, int(i));
                const auto& g = views[view];
                const auto& b = views[view + 1];
                auto& n = m_g.node("BatchNormalization",
                                   {read(src), tensor(g, m_model.parameters, {g.cols}), tensor(b, m_model.parameters, {b.cols}),
                                    tensor(stateViews[st], m_model.state, {stateViews[st].cols}),
                                    tensor(stateViews[st + 1], m_model.state, {stateViews[st + 1].cols})},
                                   "batchnorm");
                OnnxGraph::attr(n, "epsilon", nn::NormLayer::kEpsilon);
                outs[i] = n.output(0);
                break;
            }
            case nn::LayerType::LayerNorm: {
                const auto& g = views[view];
                const auto& b = views[view + 1];
                auto& n = m_g.node("LayerNormalization",
                                   {read(src), tensor(g, m_model.parameters, {g.cols}), tensor(b, m_model.parameters, {b.cols})}, "layernorm");
                OnnxGraph::attr(n, "axis", std::int64_t(-1));
                OnnxGraph::attr(n, "epsilon", nn::NormLayer::kEpsilon);
                outs[i] = n.output(0);
                break;
            }
            }
        }
        return outs.empty() ? concat(blocks) : outs.back();
    }

    void outputs(const std::string& out) {
        const auto& pre = m_model.preprocessing;
        switch (m_model.loss) {
        case nn::LossKind::SoftmaxCrossEntropy: {
            auto& sm = m_g.node("Softmax", {out}, "softmax");
            OnnxGraph::attr(sm, "axis", std::int64_t(1));
            auto& am = m_g.node("ArgMax", {out}, "argmax");
            OnnxGraph::attr(am, "axis", std::int64_t(1));
            OnnxGraph::attr(am, "keepdims", std::int64_t(0));
            m_g.output("probabilities", sm.output(0), OnnxGraph::kFloat, std::int64_t(pre.classes().size()));
            m_g.output("label", labels(am.output(0)), OnnxGraph::kString, 0);
            break;
        }
        case nn::LossKind::BinaryCrossEntropy: {
            const std::string p = m_g.node("Sigmoid", {out}, "p").output(0);
            const std::string q = m_g.node("Sub", {m_g.scalar("one", 1.0f), p}, "q").output(0);
            auto& both = m_g.node("Concat", {q, p}, "probabilities");
            OnnxGraph::attr(both, "axis", std::int64_t(1));
            const std::string positive = m_g.node("Greater", {out, m_g.scalar("zero", 0.0f)}, "positive").output(0);
            auto& cast = m_g.node("Cast", {positive}, "class");
            OnnxGraph::attr(cast, "to", std::int64_t(OnnxGraph::kInt64));
            const std::string flat = m_g.node("Squeeze", {cast.output(0), m_g.int64s("axis1", {1}, {1})}, "class").output(0);
            m_g.output("probabilities", both.output(0), OnnxGraph::kFloat, 2);
            m_g.output("label", labels(flat), OnnxGraph::kString, 0);
            break;
        }
        case nn::LossKind::Mse:
        case nn::LossKind::Huber: m_g.output("value", out, OnnxGraph::kFloat, m_model.network.outputs()); break;
        }
    }

private:
    // The level-index tensor of the embedding-encoded factor at input position `position`.
    static std::string indexAt(const std::vector<Block>& blocks, int position) {
        int at = 0;
        for (const Block& b : blocks) {
            if (at == position && !b.index.empty()) return b.index;
            at += b.width;
        }
        throw ExportError("ONNX export: input " + std::to_string(position) + " is not the index of an embedding-encoded factor");
    }

    std::string concat(const std::vector<Block>& blocks) {
        if (blocks.size() == 1) return blocks.front().value;
        std::vector<std::string> values;
        for (const Block& b : blocks) values.push_back(b.value);
        auto& n = m_g.node("Concat", values, "features");
        OnnxGraph::attr(n, "axis", std::int64_t(1));
        return n.output(0);
    }

    // Class index int64 [N] -> class name [N].
    std::string labels(const std::string& index) {
        const auto& classes = m_model.preprocessing.classes();
        std::vector<std::int64_t> keys;
        for (std::size_t k = 0; k < classes.size(); ++k) keys.push_back(std::int64_t(k));
        auto& n = m_g.node("LabelEncoder", {index}, "label", kMl);
        OnnxGraph::attr(n, "keys_int64s", keys);
        OnnxGraph::attr(n, "values_strings", classes);
        OnnxGraph::attr(n, "default_string", std::string());
        return n.output(0);
    }

    // Missing -> fill, then (x - offset) * scale, plus the optional "was missing" 0/1 column.
    void numeric(const RawInput& in, const data::ColumnEncoder& e, std::vector<Block>& blocks) {
        std::string x = in.column;
        if (e.type() == data::ColumnType::Boolean) x = booleanValue(in, e);
        const std::string missing = m_g.node("IsNaN", {x}, "missing").output(0);
        const std::string filled = m_g.node("Where", {missing, m_g.scalar("fill", e.fill()), x}, "filled").output(0);
        const std::string centred = m_g.node("Sub", {filled, m_g.scalar("offset", e.offset())}, "centred").output(0);
        blocks.push_back({m_g.node("Mul", {centred, m_g.scalar("scale", e.scale())}, "scaled").output(0), 1, {}});
        if (e.indicator()) indicator(missing, blocks);
    }

    // A boolean's raw value as 1 / 0 / NaN (missing or a spelling never seen, filled like missing).
    std::string booleanValue(const RawInput& in, const data::ColumnEncoder& e) {
        if (in.kind == RawKind::Number) {
            const std::string isTrue = m_g.node("Equal", {in.column, m_g.scalar("true", in.trueNumber)}, "is_true").output(0);
            const std::string isFalse = m_g.node("Equal", {in.column, m_g.scalar("false", in.falseNumber)}, "is_false").output(0);
            const std::string orNaN = m_g.node("Where", {isFalse, m_g.scalar("zero", 0.0f), m_g.scalar("nan", kNaN)}, "bool").output(0);
            return m_g.node("Where", {isTrue, m_g.scalar("one", 1.0f), orNaN}, "bool").output(0);
        }
        std::vector<std::string> keys;
        std::vector<float> values;
        for (const auto& s : caseVariants(e.trueValue())) keys.push_back(s), values.push_back(1.0f);
        for (const auto& s : caseVariants(e.falseValue()))
            if (std::find(keys.begin(), keys.end(), s) == keys.end()) keys.push_back(s), values.push_back(0.0f);
        auto& n = m_g.node("LabelEncoder", {in.column}, "bool", kMl);
        OnnxGraph::attr(n, "keys_strings", keys);
        OnnxGraph::attr(n, "values_floats", values);
        OnnxGraph::attr(n, "default_float", kNaN);
        return n.output(0);
    }

    // Text -> level index (vocabulary position; missing spellings -> the fill level; anything
    // else -> the unknown bucket), then one-hot or (embedding) the index itself.
    void factor(const std::string& column, const data::ColumnEncoder& e, std::vector<Block>& blocks) {
        const auto& vocab = e.vocabulary();
        const auto unknown = std::int64_t(vocab.size());
        std::vector<std::string> keys = vocab;
        std::vector<std::int64_t> values;
        for (std::size_t k = 0; k < vocab.size(); ++k) values.push_back(std::int64_t(k));
        for (const auto& s : data::Table::missingSpellings()) keys.push_back(s), values.push_back(std::int64_t(fillIndex(e)));
        auto& enc = m_g.node("LabelEncoder", {column}, "level", kMl);
        OnnxGraph::attr(enc, "keys_strings", keys);
        OnnxGraph::attr(enc, "values_int64s", values);
        OnnxGraph::attr(enc, "default_int64", unknown);
        const std::string index = m_g.node("Squeeze", {enc.output(0), m_g.int64s("axis1", {1}, {1})}, "level").output(0);
        if (e.encoding() == data::FactorEncoding::OneHot) {
            auto& oh = m_g.node("OneHot", {index, m_g.int64s("depth", {1}, {unknown + 1}), m_g.floats("off_on", {2}, {0.0f, 1.0f})}, "onehot");
            OnnxGraph::attr(oh, "axis", std::int64_t(-1));
            blocks.push_back({oh.output(0), int(unknown + 1), {}});
        } else {
            auto& f = m_g.node("Cast", {enc.output(0)}, "index");
            OnnxGraph::attr(f, "to", std::int64_t(OnnxGraph::kFloat));
            blocks.push_back({f.output(0), 1, index});
        }
        if (e.indicator()) {
            std::vector<float> flags(data::Table::missingSpellings().size(), 1.0f);
            auto& m = m_g.node("LabelEncoder", {column}, "missing", kMl);
            OnnxGraph::attr(m, "keys_strings", data::Table::missingSpellings());
            OnnxGraph::attr(m, "values_floats", flags);
            OnnxGraph::attr(m, "default_float", 0.0f);
            blocks.push_back({m.output(0), 1, {}});
        }
    }

    void indicator(const std::string& missing, std::vector<Block>& blocks) {
        auto& c = m_g.node("Cast", {missing}, "was_missing");
        OnnxGraph::attr(c, "to", std::int64_t(OnnxGraph::kFloat));
        blocks.push_back({c.output(0), 1, {}});
    }

    std::string activation(nn::Activation a, const std::string& x) {
        switch (a) {
        case nn::Activation::Identity: return x;
        case nn::Activation::Relu: return m_g.node("Relu", {x}, "relu").output(0);
        case nn::Activation::LeakyRelu: {
            auto& n = m_g.node("LeakyRelu", {x}, "leaky_relu");
            OnnxGraph::attr(n, "alpha", 0.01f);
            return n.output(0);
        }
        case nn::Activation::Elu: {
            auto& n = m_g.node("Elu", {x}, "elu");
            OnnxGraph::attr(n, "alpha", 1.0f);
            return n.output(0);
        }
        case nn::Activation::Gelu: { // exact (erf) GELU; the Gelu operator only arrives in opset 20
            const std::string scaled = m_g.node("Mul", {x, m_g.scalar("inv_sqrt2", std::numbers::sqrt2_v<float> * 0.5f)}, "gelu").output(0);
            const std::string erf = m_g.node("Erf", {scaled}, "gelu").output(0);
            const std::string cdf = m_g.node("Add", {erf, m_g.scalar("one", 1.0f)}, "gelu").output(0);
            const std::string half = m_g.node("Mul", {x, m_g.scalar("half", 0.5f)}, "gelu").output(0);
            return m_g.node("Mul", {half, cdf}, "gelu").output(0);
        }
        case nn::Activation::Tanh: return m_g.node("Tanh", {x}, "tanh").output(0);
        case nn::Activation::Sigmoid: return m_g.node("Sigmoid", {x}, "sigmoid").output(0);
        case nn::Activation::Softplus: return m_g.node("Softplus", {x}, "softplus").output(0);
        case nn::Activation::Softmax: {
            auto& n = m_g.node("Softmax", {x}, "softmax");
            OnnxGraph::attr(n, "axis", std::int64_t(1));
            return n.output(0);
        }
        }
        return x;
    }

    OnnxGraph& m_g;
    const model::Model& m_model;
    std::string m_lens; // characters: real (unpadded) steps per row, int32 [N]
};

} // namespace

std::string OnnxExporter::toBytes(const model::Model& model, const std::string& name) {
    const bool characters = model.preprocessing.characters().has_value();
    const std::vector<RawInput> raw = characters ? std::vector<RawInput>{} : rawInputs(model, "ONNX");
    onnx::ModelProto proto;
    proto.set_ir_version(kIrVersion);
    proto.set_producer_name("LayerLab");
    proto.set_model_version(1);
    proto.set_doc_string("Takes the raw column values; imputation, scaling and factor encoding are part of the graph.");
    auto* op = proto.add_opset_import();
    op->set_domain("");
    op->set_version(kOpset);
    op = proto.add_opset_import();
    op->set_domain(kMl);
    op->set_version(kMlOpset);
    auto* graph = proto.mutable_graph();
    graph->set_name(name);
    OnnxGraph g(*graph);
    const bool classifier = nn::isClassification(model.loss);
    for (const char* out : {"probabilities", "label", "value"}) g.reserve(out);
    std::vector<std::string> interfaceNames;
    for (const RawInput& in : raw) interfaceNames.push_back(in.column);
    if (characters) interfaceNames.push_back(model.preprocessing.characters()->column());
    for (const std::string& column : interfaceNames)
        if (!g.reserve(column))
            throw ExportError("ONNX export: input column \"" + column + "\" has the name of an output (" +
                              (classifier ? "probabilities, label" : "value") + "); rename the column and train again");
    Builder b(g, model);
    b.outputs(b.network(b.inputs(raw)));
    try {
        onnx::checker::check_model(proto);
        onnx::ModelProto inferred = proto;
        onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(), onnx::ShapeInferenceOptions(true, 1));
    } catch (const std::exception& e) {
        throw ExportError(std::string("ONNX's checker refused the exported graph (a LayerLab bug, please report): ") + e.what());
    }
    std::string bytes;
    if (!proto.SerializeToString(&bytes)) throw ExportError("ONNX export: the model could not be serialized");
    return bytes;
}

} // namespace layerlab::exporters
