#include "CHeaderExporter.h"

#include "ExportError.h"
#include "RawInputs.h"

#include "data/Table.h"
#include "nn/Network.h"
#include "nn/NormLayer.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace layerlab::exporters {
namespace {

using namespace layerlab::engine;

// Shortest text that reads back to the same float, as a C float literal.
std::string literal(float f) {
    std::string s = data::Table::formatNumber(f);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "f";
}

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') q += '\\', q += char(c);
        else if (c < 0x20 || c >= 0x7f) { // octal escapes keep UTF-8 bytes and control characters exact
            char o[8];
            std::snprintf(o, sizeof o, "\\%03o", unsigned(c));
            q += o;
        } else q += char(c);
    }
    return q + "\"";
}

// A comment-safe rendering of user text.
std::string commentSafe(std::string s) {
    for (std::size_t p; (p = s.find("*/")) != std::string::npos;) s.replace(p, 2, "* /");
    return s;
}

class Writer {
public:
    Writer(const model::Model& m, std::string prefix) : m_model(m), p(std::move(prefix)) {}

    std::string write(const std::vector<RawInput>& raw) {
        const nn::Network shape(m_model.network);
        const auto& pre = m_model.preprocessing;
        const bool classifier = nn::isClassification(m_model.loss);
        const int outputs = m_model.loss == nn::LossKind::BinaryCrossEntropy ? 2 : shape.outputs();
        std::string P = p;
        std::transform(P.begin(), P.end(), P.begin(), [](unsigned char c) { return char(std::toupper(c)); });
        o << "/* " << p << ".h: a LayerLab model as standalone C99 (generated; do not edit).\n"
          << " *   float in[" << P << "_INPUTS], out[" << P << "_OUTPUTS];\n"
          << " *   in[c] = the raw number of column c (NAN when missing), or for a text column\n"
          << " *           " << p << "_code(c, \"its text\");\n"
          << " *   int best = " << p << "_predict(in, out);  -> " << (classifier ? "class index; out = probabilities" : "0; out = predicted values") << "\n"
          << " * Columns:\n";
        for (std::size_t c = 0; c < raw.size(); ++c)
            o << " *   " << c << ": " << commentSafe(raw[c].column) << (raw[c].kind == RawKind::Text ? " (text: use _code)" : " (number)") << "\n";
        if (classifier) {
            o << " * Classes:";
            for (std::size_t k = 0; k < pre.classes().size(); ++k) o << ' ' << k << '=' << commentSafe(pre.classes()[k]);
            o << "\n";
        } else {
            o << " * Predicts: " << commentSafe(pre.target()) << "\n";
        }
        o << " */\n#ifndef " << P << "_H\n#define " << P << "_H\n\n#include <math.h>\n\n"
          << "#define " << P << "_INPUTS " << raw.size() << "\n#define " << P << "_OUTPUTS " << outputs << "\n"
          << "#define " << P << "_CLASSES " << (classifier ? pre.classes().size() : 0) << "\n\n";
        names(raw, classifier);
        textMatching();
        code(raw);
        weights(shape);
        predict(raw, shape);
        o << "#endif /* " << P << "_H */\n";
        return o.str();
    }

private:
    void names(const std::vector<RawInput>& raw, bool classifier) {
        o << "/* Name of input column c. */\nstatic inline const char *" << p << "_column(int c) {\n"
          << "    static const char *const names[] = {";
        for (const auto& r : raw) o << quoted(r.column) << ", ";
        o << "0};\n    return c >= 0 && c < " << raw.size() << " ? names[c] : 0;\n}\n\n";
        o << "/* 1 when input column c is text (pass " << p << "_code(c, text)), 0 when it is a number. */\n"
          << "static inline int " << p << "_is_text(int c) {\n    static const char kinds[] = {";
        for (const auto& r : raw) o << (r.kind == RawKind::Text ? "1, " : "0, ");
        o << "0};\n    return c >= 0 && c < " << raw.size() << " ? kinds[c] : 0;\n}\n\n";
        if (!classifier) return;
        o << "/* Name of class k. */\nstatic inline const char *" << p << "_class(int k) {\n"
          << "    static const char *const names[] = {";
        for (const auto& c : m_model.preprocessing.classes()) o << quoted(c) << ", ";
        o << "0};\n    return k >= 0 && k < " << m_model.preprocessing.classes().size() << " ? names[k] : 0;\n}\n\n";
    }

    // Comparison the way LayerLab reads a cell: spaces and tabs around the text do not count.
    void textMatching() {
        o << "static inline int " << p << "_same(const char *text, const char *level, int fold) {\n"
          << "    const char *end;\n"
          << "    while (*text == ' ' || *text == '\\t') ++text;\n"
          << "    end = text;\n"
          << "    while (*end) ++end;\n"
          << "    while (end > text && (end[-1] == ' ' || end[-1] == '\\t')) --end;\n"
          << "    for (; text < end && *level; ++text, ++level) {\n"
          << "        char a = *text, b = *level;\n"
          << "        if (fold && a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');\n"
          << "        if (fold && b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');\n"
          << "        if (a != b) return 0;\n"
          << "    }\n"
          << "    return text == end && *level == 0;\n}\n\n"
          << "static inline int " << p << "_missing(const char *text) {\n"
          << "    static const char *const spellings[] = {";
        for (const auto& s : data::Table::missingSpellings()) o << quoted(s) << ", ";
        o << "0};\n    int i;\n    if (!text) return 1;\n"
          << "    for (i = 0; spellings[i]; ++i)\n        if (" << p << "_same(text, spellings[i], 0)) return 1;\n"
          << "    return 0;\n}\n\n";
    }

    void code(const std::vector<RawInput>& raw) {
        o << "/* The model input for a text cell of column c: a factor's level index (unseen text -> the\n"
          << " * unknown bucket; a missing cell -> NAN, which _predict fills with the training fill level and\n"
          << " * flags as missing), a worded boolean's 1 or 0 (NAN when missing or unknown). NAN for a\n"
          << " * number column: pass the number itself. */\n"
          << "static inline float " << p << "_code(int c, const char *text) {\n    int i;\n    switch (c) {\n";
        for (std::size_t c = 0; c < raw.size(); ++c) {
            const RawInput& r = raw[c];
            if (r.kind != RawKind::Text) continue;
            const data::ColumnEncoder& e = *r.encoder;
            o << "    case " << c << ": {\n";
            if (e.type() == data::ColumnType::Factor) {
                o << "        static const char *const levels[] = {";
                for (const auto& v : e.vocabulary()) o << quoted(v) << ", ";
                o << "0};\n        if (" << p << "_missing(text)) return NAN;\n"
                  << "        for (i = 0; levels[i]; ++i)\n            if (" << p << "_same(text, levels[i], 0)) return (float)i;\n"
                  << "        return " << e.vocabulary().size() << ".0f;\n    }\n";
            } else {
                o << "        (void)i;\n        if (text && " << p << "_same(text, " << quoted(e.trueValue()) << ", 1)) return 1.0f;\n"
                  << "        if (text && " << p << "_same(text, " << quoted(e.falseValue()) << ", 1)) return 0.0f;\n"
                  << "        return NAN;\n    }\n";
            }
        }
        o << "    default: (void)i; (void)text; return NAN;\n    }\n}\n\n";
    }

    void weights(const nn::Network& shape) {
        // The weights, then the state (BatchNorm's running statistics), each as a named array.
        const auto arrays = [&](const std::vector<nn::ParameterView>& views, const std::vector<float>& values) {
            for (const nn::ParameterView& v : views) {
                o << "static const float " << p << "_" << CHeaderExporter::identifier(v.name) << "[" << v.size() << "] = {";
                for (std::size_t i = 0; i < v.size(); ++i) o << (i % 8 == 0 ? "\n    " : " ") << literal(values[v.offset + i]) << ',';
                o << "\n};\n";
            }
        };
        arrays(shape.parameterViews(), m_model.parameters);
        arrays(shape.stateViews(), m_model.state);
        o << "\n";
    }

    // The body: encode the raw inputs into the feature row x, then each layer in the spec's
    // (topological) order into its own array l<i>, reading its sources' arrays.
    void predict(const std::vector<RawInput>& raw, const nn::Network& shape) {
        const auto widths = m_model.network.shapes();
        const auto sources = m_model.network.sources();
        const auto& layers = m_model.network.layers;
        o << "/* Runs the model on one row. Returns the predicted class index (0 for regression). */\n"
          << "static inline int " << p << "_predict(const float in[], float out[]) {\n"
          << "    float x[" << m_model.network.inputs << "], v;\n";
        for (std::size_t i = 0; i < layers.size(); ++i) o << "    float l" << i << "[" << widths[i] << "];\n";
        o << "    int i, j, n = " << m_model.network.inputs << ", best = 0;\n";
        int f = 0;
        for (std::size_t c = 0; c < raw.size(); ++c) f = features(raw[c], int(c), f);
        o << "    (void)v; (void)j;\n";
        const auto& views = shape.parameterViews();
        const auto& stateViews = shape.stateViews();
        const auto name = [&](int s) { return s == nn::NetworkSpec::kInputSource ? std::string("x") : "l" + std::to_string(s); };
        const auto width = [&](int s) { return s == nn::NetworkSpec::kInputSource ? m_model.network.inputs : widths[std::size_t(s)]; };
        const auto array = [&](const nn::ParameterView& v) { return p + "_" + CHeaderExporter::identifier(v.name); };
        const auto firstView = [](const std::vector<nn::ParameterView>& list, int layer) {
            std::size_t k = 0;
            while (k < list.size() && list[k].layer != layer) ++k;
            return k;
        };
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const nn::LayerSpec& l = layers[i];
            const int s = sources[i][0];
            const std::string from = name(s), to = "l" + std::to_string(i);
            const std::size_t view = firstView(views, int(i));
            o << "    n = " << width(s) << ";\n";
            switch (l.type) {
            case nn::LayerType::Embedding: embedding(l, views, view, from, width(s), to); break;
            case nn::LayerType::Select:
                for (std::size_t k = 0; k < l.positions.size(); ++k) o << "    " << to << "[" << k << "] = x[" << l.positions[k] << "];\n";
                break;
            case nn::LayerType::Dense: {
                const int outs = views[view].cols;
                o << "    for (j = 0; j < " << outs << "; ++j) " << to << "[j] = " << array(views[view + 1]) << "[j];\n"
                  << "    for (i = 0; i < n; ++i)\n        for (j = 0; j < " << outs << "; ++j) " << to << "[j] += " << from << "[i] * "
                  << array(views[view]) << "[i * " << outs << " + j];\n";
                break;
            }
            case nn::LayerType::Activation: activation(l.activation, from, to); break;
            case nn::LayerType::Recurrent: break; // refused before (toText): the C header carries no sequence models
            case nn::LayerType::Dropout: o << "    for (i = 0; i < n; ++i) " << to << "[i] = " << from << "[i];\n"; break;
            case nn::LayerType::Add: { // summed in the order of the connections, as the engine sums
                std::string sum = from + "[i]";
                for (std::size_t k = 1; k < sources[i].size(); ++k) sum = "(" + sum + " + " + name(sources[i][k]) + "[i])";
                o << "    for (i = 0; i < n; ++i) " << to << "[i] = " << sum << ";\n";
                break;
            }
            case nn::LayerType::Concat: {
                int at = 0;
                for (const int part : sources[i]) {
                    o << "    for (i = 0; i < " << width(part) << "; ++i) " << to << "[" << at << " + i] = " << name(part) << "[i];\n";
                    at += width(part);
                }
                break;
            }
            case nn::LayerType::BatchNorm: {
                const std::size_t st = firstView(stateViews, int(i));
                o << "    for (i = 0; i < n; ++i) " << to << "[i] = " << array(views[view]) << "[i] * ((" << from << "[i] - "
                  << array(stateViews[st]) << "[i]) * (1.0f / sqrtf(" << array(stateViews[st + 1]) << "[i] + "
                  << literal(nn::NormLayer::kEpsilon) << "))) + " << array(views[view + 1]) << "[i];\n";
                break;
            }
            case nn::LayerType::LayerNorm: // the engine's arithmetic: sums in double, the rest in float
                o << "    { double sum = 0.0, square = 0.0, mean; float m, inv;\n"
                  << "      for (i = 0; i < n; ++i) sum += " << from << "[i];\n"
                  << "      mean = sum / (double)n;\n"
                  << "      for (i = 0; i < n; ++i) square += (" << from << "[i] - mean) * (" << from << "[i] - mean);\n"
                  << "      m = (float)mean; inv = (float)(1.0 / sqrt(square / (double)n + (double)" << literal(nn::NormLayer::kEpsilon) << "));\n"
                  << "      for (i = 0; i < n; ++i) " << to << "[i] = " << array(views[view]) << "[i] * ((" << from << "[i] - m) * inv) + "
                  << array(views[view + 1]) << "[i]; }\n";
                break;
            }
        }
        o << "    n = " << widths.back() << ";\n";
        output("l" + std::to_string(layers.size() - 1));
        o << "    return best;\n}\n\n";
    }

    int features(const RawInput& r, int c, int f) {
        const data::ColumnEncoder& e = *r.encoder;
        const std::string in = "in[" + std::to_string(c) + "]";
        if (e.type() == data::ColumnType::Factor) {
            const int levels = int(e.vocabulary().size()) + 1;
            if (e.encoding() == data::FactorEncoding::OneHot) {
                o << "    for (i = 0; i < " << levels << "; ++i) x[" << f << " + i] = 0.0f;\n"
                  << "    v = " << in << " != " << in << " ? " << fillIndex(e) << ".0f : " << in << ";\n"
                  << "    i = v < 0.0f ? " << levels - 1 << " : v > " << levels - 1 << ".0f ? " << levels - 1 << " : (int)(v + 0.5f);\n"
                  << "    x[" << f << " + i] = 1.0f;\n";
                f += levels;
            } else {
                o << "    x[" << f << "] = " << in << " != " << in << " ? " << fillIndex(e) << ".0f : " << in << ";\n";
                f += 1;
            }
            if (e.indicator()) o << "    x[" << f++ << "] = " << in << " != " << in << " ? 1.0f : 0.0f;\n";
            return f;
        }
        std::string value = in;
        if (r.kind == RawKind::Number && e.type() == data::ColumnType::Boolean)
            value = "(" + in + " == " + literal(r.trueNumber) + " ? 1.0f : " + in + " == " + literal(r.falseNumber) + " ? 0.0f : NAN)";
        o << "    v = " << value << ";\n"
          << "    x[" << f << "] = ((v != v ? " << literal(e.fill()) << " : v) - " << literal(e.offset()) << ") * " << literal(e.scale()) << ";\n";
        f += 1;
        if (e.indicator()) o << "    x[" << f++ << "] = v != v ? 1.0f : 0.0f;\n";
        return f;
    }

    // From the feature row into the other buffer: each index column widened to its table row.
    void embedding(const nn::LayerSpec& l, const std::vector<nn::ParameterView>& views, std::size_t view, const std::string& from,
                   int width, const std::string& to) {
        int at = 0;
        for (int i = 0; i < width; ++i) {
            const auto k = std::find_if(l.columns.begin(), l.columns.end(), [&](const auto& c) { return c.position == i; });
            if (k == l.columns.end()) {
                o << "    " << to << "[" << at++ << "] = " << from << "[" << i << "];\n";
                continue;
            }
            const std::string table = p + "_" + CHeaderExporter::identifier(views[view + std::size_t(k - l.columns.begin())].name);
            o << "    v = " << from << "[" << i << "];\n"
              << "    j = !(v - v == 0.0f) ? " << k->levels - 1 << " : v < 0.0f ? 0 : v > " << k->levels - 1 << ".0f ? " << k->levels - 1
              << " : (int)floorf(v + 0.5f);\n"
              << "    for (i = 0; i < " << k->dims << "; ++i) " << to << "[" << at << " + i] = " << table << "[j * " << k->dims << " + i];\n";
            at += k->dims;
        }
    }

    void activation(nn::Activation a, const std::string& from, const std::string& to) {
        auto each = [&](const std::string& expr) { o << "    for (i = 0; i < n; ++i) { v = " << from << "[i]; " << to << "[i] = " << expr << "; }\n"; };
        switch (a) {
        case nn::Activation::Identity: each("v"); break;
        case nn::Activation::Relu: each("v > 0.0f ? v : 0.0f"); break;
        case nn::Activation::LeakyRelu: each("v > 0.0f ? v : 0.01f * v"); break;
        case nn::Activation::Elu: each("v > 0.0f ? v : expf(v) - 1.0f"); break;
        case nn::Activation::Gelu: each("0.5f * v * (1.0f + erff(v * " + literal(std::numbers::sqrt2_v<float> * 0.5f) + "))"); break;
        case nn::Activation::Tanh: each("tanhf(v)"); break;
        case nn::Activation::Sigmoid: each("1.0f / (1.0f + expf(-v))"); break;
        case nn::Activation::Softplus: each("(v > 0.0f ? v : 0.0f) + log1pf(expf(-fabsf(v)))"); break;
        case nn::Activation::Softmax: softmax(from, to); break;
        }
    }

    void softmax(const std::string& from, const std::string& to) {
        o << "    v = " << from << "[0];\n    for (i = 1; i < n; ++i) if (" << from << "[i] > v) v = " << from << "[i];\n"
          << "    { float sum = 0.0f;\n      for (i = 0; i < n; ++i) { " << to << "[i] = expf(" << from << "[i] - v); sum += " << to << "[i]; }\n"
          << "      for (i = 0; i < n; ++i) " << to << "[i] /= sum; }\n";
    }

    void output(const std::string& x) {
        switch (m_model.loss) {
        case nn::LossKind::SoftmaxCrossEntropy:
            o << "    for (i = 1; i < n; ++i) if (" << x << "[i] > " << x << "[best]) best = i;\n";
            softmax(x, "out");
            break;
        case nn::LossKind::BinaryCrossEntropy:
            o << "    out[1] = 1.0f / (1.0f + expf(-" << x << "[0]));\n    out[0] = 1.0f - out[1];\n    best = " << x << "[0] > 0.0f ? 1 : 0;\n";
            break;
        case nn::LossKind::Mse:
        case nn::LossKind::Huber: o << "    for (i = 0; i < n; ++i) out[i] = " << x << "[i];\n"; break;
        }
    }

    const model::Model& m_model;
    std::string p;
    std::ostringstream o;
};

} // namespace

std::string CHeaderExporter::identifier(const std::string& text) {
    std::string id;
    for (const unsigned char c : text) id += std::isalnum(c) ? char(std::tolower(c)) : '_';
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "m_" + id;
    return id;
}

std::string CHeaderExporter::toText(const model::Model& model, const std::string& prefix) {
    if (model.network.steps > 1 || model.network.hasRecurrent())
        throw ExportError("C header export does not carry sequence models (recurrent layers, character or window inputs); "
                          "export to ONNX or JSON instead");
    const std::vector<RawInput> raw = rawInputs(model, "C header");
    return Writer(model, identifier(prefix)).write(raw);
}

} // namespace layerlab::exporters
