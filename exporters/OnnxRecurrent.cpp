#include "OnnxRecurrent.h"

#include "nn/RecurrentCell.h"

namespace layerlab::exporters {
namespace {

using namespace layerlab::engine;

// ONNX gate order → the engine's: LSTM is i, o, f, c in ONNX and i, f, g, o in the engine; GRU
// (z, r, h) and RNN agree.
int engineGate(nn::Cell cell, int onnxGate) {
    if (cell != nn::Cell::Lstm) return onnxGate;
    constexpr int kLstm[] = {0, 3, 1, 2};
    return kLstm[onnxGate];
}

} // namespace

std::string OnnxRecurrent::reshape(const std::string& x, std::vector<std::int64_t> shape, const std::string& hint) {
    const std::int64_t n = std::int64_t(shape.size());
    return m_g.node("Reshape", {x, m_g.int64s("shape", {n}, shape)}, hint).output(0);
}

std::string OnnxRecurrent::transpose(const std::string& x, std::vector<std::int64_t> perm, const std::string& hint) {
    auto& t = m_g.node("Transpose", {x}, hint);
    OnnxGraph::attr(t, "perm", perm);
    return t.output(0);
}

std::string OnnxRecurrent::characters(const data::CharacterEncoder& chars, std::string& lens) {
    const auto& alphabet = chars.alphabet();
    const std::int64_t v = std::int64_t(alphabet.size()), pad = v + 1;
    m_g.input(chars.column(), OnnxGraph::kString, chars.length());
    // Character → index (unknown = v), "" → the padding row of the table below.
    std::vector<std::string> keys = alphabet;
    std::vector<std::int64_t> values;
    for (std::int64_t k = 0; k < v; ++k) values.push_back(k);
    keys.push_back(""), values.push_back(pad);
    auto& enc = m_g.node("LabelEncoder", {chars.column()}, "char", "ai.onnx.ml");
    OnnxGraph::attr(enc, "keys_strings", keys);
    OnnxGraph::attr(enc, "values_int64s", values);
    OnnxGraph::attr(enc, "default_int64", v);
    const std::string index = enc.output(0);
    // One-hot by lookup: rows 0..v are the identity, row v+1 (padding) is all zeros.
    std::vector<float> table(std::size_t((v + 2) * (v + 1)), 0.0f);
    for (std::int64_t k = 0; k <= v; ++k) table[std::size_t(k * (v + 1) + k)] = 1.0f;
    const std::string onehot = m_g.node("Gather", {m_g.floats("char_table", {v + 2, v + 1}, table), index}, "onehot").output(0);
    const std::string real = m_g.node("Not", {m_g.node("Equal", {index, m_g.int64s("pad", {}, {pad})}, "padding").output(0)}, "real").output(0);
    auto& cast = m_g.node("Cast", {real}, "real");
    OnnxGraph::attr(cast, "to", std::int64_t(onnx::TensorProto_DataType_INT32));
    auto& sum = m_g.node("ReduceSum", {cast.output(0), m_g.int64s("axis1", {1}, {1})}, "lens");
    OnnxGraph::attr(sum, "keepdims", std::int64_t(0));
    lens = sum.output(0);
    return reshape(onehot, {-1, chars.width()}, "characters");
}

std::string OnnxRecurrent::layer(const nn::LayerSpec& spec, int steps, int features, std::span<const float> params,
                                 const std::string& x, const std::string& lens) {
    const int h = spec.units, g = nn::cell::gates(spec.cell), gh = g * h, dirs = spec.bidirectional ? 2 : 1;
    const std::size_t block = std::size_t(features) * gh + std::size_t(h) * gh + gh + (spec.cell == nn::Cell::Gru ? h : 0);
    std::vector<float> w, r, b;
    for (int d = 0; d < dirs; ++d) {
        const float* p = params.data() + std::size_t(d) * block;
        const float* pw = p;                                   // [features × G·H]
        const float* pr = pw + std::size_t(features) * gh;      // [H × G·H]
        const float* pb = pr + std::size_t(h) * gh;             // [G·H]
        const float* prb = pb + gh;                             // GRU: [H]
        for (int og = 0; og < g; ++og)
            for (int j = 0; j < h; ++j) {
                const int col = engineGate(spec.cell, og) * h + j;
                for (int f = 0; f < features; ++f) w.push_back(pw[std::size_t(f) * gh + col]);
            }
        for (int og = 0; og < g; ++og)
            for (int j = 0; j < h; ++j) {
                const int col = engineGate(spec.cell, og) * h + j;
                for (int k = 0; k < h; ++k) r.push_back(pr[std::size_t(k) * gh + col]);
            }
        for (int og = 0; og < g; ++og)
            for (int j = 0; j < h; ++j) b.push_back(pb[engineGate(spec.cell, og) * h + j]);
        for (int og = 0; og < g; ++og) // recurrent biases: only GRU's candidate has one
            for (int j = 0; j < h; ++j) b.push_back(spec.cell == nn::Cell::Gru && og == 2 ? prb[j] : 0.0f);
    }
    const std::string name(nn::cellName(spec.cell));
    const std::string seq = transpose(reshape(x, {0, steps, features}, name + "_steps"), {1, 0, 2}, name + "_in");
    static const char* kOps[] = {"RNN", "GRU", "LSTM"};
    auto& node = m_g.node(kOps[int(spec.cell)],
                          {seq, m_g.floats(name + "_W", {dirs, gh, features}, w), m_g.floats(name + "_R", {dirs, gh, h}, r),
                           m_g.floats(name + "_B", {dirs, 2 * gh}, b), lens},
                          name);
    node.add_output(m_g.fresh(name + "_last")); // Y_h
    OnnxGraph::attr(node, "hidden_size", std::int64_t(h));
    OnnxGraph::attr(node, "direction", std::string(spec.bidirectional ? "bidirectional" : "forward"));
    if (spec.cell == nn::Cell::Gru) OnnxGraph::attr(node, "linear_before_reset", std::int64_t(1));
    if (spec.sequences) // Y [steps, dirs, N, H] → [N, steps, dirs, H] → [N, steps·dirs·H]
        return reshape(transpose(node.output(0), {2, 0, 1, 3}, name + "_out"), {0, -1}, name + "_flat");
    // Y_h [dirs, N, H] → [N, dirs, H] → [N, dirs·H]: forward first, as in the engine.
    return reshape(transpose(node.output(1), {1, 0, 2}, name + "_out"), {0, -1}, name + "_flat");
}

} // namespace layerlab::exporters
