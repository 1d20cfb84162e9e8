#include "Network.h"

#include "ActivationLayer.h"
#include "DenseLayer.h"
#include "DropoutLayer.h"
#include "EmbeddingLayer.h"
#include "MergeLayer.h"
#include "NormLayer.h"
#include "RecurrentLayer.h"
#include "SelectLayer.h"
#include "core/Error.h"

#include <algorithm>

namespace layerlab::engine::nn {
namespace {

bool reluLike(Activation a) {
    return a == Activation::Relu || a == Activation::LeakyRelu || a == Activation::Elu || a == Activation::Gelu;
}

// Auto: He for layers feeding a ReLU-like activation, Glorot otherwise. Follows the layer's first
// reader through shape-keeping layers until an activation or another dense layer.
Initializer resolve(const NetworkSpec& spec, const std::vector<std::vector<int>>& sources, std::size_t i) {
    if (spec.layers[i].init != Initializer::Auto) return spec.layers[i].init;
    std::size_t current = i;
    for (;;) {
        std::size_t reader = spec.layers.size();
        for (std::size_t j = current + 1; j < spec.layers.size() && reader == spec.layers.size(); ++j)
            for (const int s : sources[j])
                if (s == int(current)) reader = j;
        if (reader == spec.layers.size() || spec.layers[reader].type == LayerType::Dense) return Initializer::GlorotUniform;
        if (spec.layers[reader].type == LayerType::Activation)
            return reluLike(spec.layers[reader].activation) ? Initializer::HeUniform : Initializer::GlorotUniform;
        current = reader;
    }
}

} // namespace

Network::Network(NetworkSpec spec) : m_spec(std::move(spec)) {
    const std::vector<Shape> shapes = m_spec.sequenceShapes();
    m_sources = m_spec.sources();
    const Shape input{m_spec.steps, m_spec.inputs};
    const auto shapeOf = [&](int s) { return s == NetworkSpec::kInputSource ? input : shapes[std::size_t(s)]; };
    int denseCount = 0, batchNorms = 0, layerNorms = 0;
    int cellCount[3] = {0, 0, 0};
    for (std::size_t i = 0; i < m_spec.layers.size(); ++i) {
        const LayerSpec& l = m_spec.layers[i];
        const Shape shape = shapeOf(m_sources[i][0]);
        const int width = shape.width;
        switch (l.type) {
        case LayerType::Dense:
            m_layers.push_back(std::make_unique<DenseLayer>(width, l.units, resolve(m_spec, m_sources, i),
                                                            "dense" + std::to_string(++denseCount)));
            break;
        case LayerType::Activation: m_layers.push_back(std::make_unique<ActivationLayer>(width, l.activation)); break;
        case LayerType::Dropout: m_layers.push_back(std::make_unique<DropoutLayer>(width, l.rate)); break;
        case LayerType::Embedding: m_layers.push_back(std::make_unique<EmbeddingLayer>(width, l.columns, "embedding")); break;
        case LayerType::Recurrent: {
            const std::string name = std::string(cellName(l.cell)) + std::to_string(++cellCount[int(l.cell)]);
            auto layer = std::make_unique<RecurrentLayer>(l.cell, shape.steps, shape.features(), l.units, l.sequences,
                                                          l.bidirectional, name);
            // Only a layer that still sees the input's steps can be told which of them are padding.
            if (m_spec.masked && shape.steps == m_spec.steps) m_masked.push_back(layer.get());
            m_layers.push_back(std::move(layer));
            break;
        }
        case LayerType::Add:
        case LayerType::Concat: {
            std::vector<int> widths;
            for (const int s : m_sources[i]) widths.push_back(shapeOf(s).width);
            m_layers.push_back(std::make_unique<MergeLayer>(l.type, std::move(widths)));
            break;
        }
        case LayerType::BatchNorm:
            m_layers.push_back(std::make_unique<NormLayer>(l.type, width, "batchnorm" + std::to_string(++batchNorms)));
            break;
        case LayerType::LayerNorm:
            m_layers.push_back(std::make_unique<NormLayer>(l.type, width, "layernorm" + std::to_string(++layerNorms)));
            break;
        case LayerType::Select: m_layers.push_back(std::make_unique<SelectLayer>(width, l.positions)); break;
        }
    }
    // One flat buffer: layer blocks in order; views record where each named slice lives. The
    // state buffer is laid out the same way.
    const auto layout = [&](auto viewsOf, std::vector<ParameterView>& views, std::vector<std::size_t>& starts) {
        std::size_t total = 0;
        for (std::size_t i = 0; i < m_layers.size(); ++i) {
            starts.push_back(total);
            const std::vector<ParameterView> own = viewsOf(*m_layers[i]);
            for (ParameterView v : own) {
                v.offset += total;
                v.layer = static_cast<int>(i);
                views.push_back(v);
            }
            for (const auto& v : own) total = std::max(total, starts[i] + v.offset + v.size());
        }
        return total;
    };
    std::vector<std::size_t> starts, stateStarts;
    const std::size_t total = layout([](const Layer& l) { return l.parameterLayout(); }, m_views, starts);
    const std::size_t stateTotal = layout([](const Layer& l) { return l.stateLayout(); }, m_stateViews, stateStarts);
    m_params.assign(total, 0.0f);
    m_grads.assign(total, 0.0f);
    m_state.assign(stateTotal, 0.0f);
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        m_layers[i]->bind(m_params.data() + starts[i], m_grads.data() + starts[i]);
        m_layers[i]->bindState(m_state.data() + stateStarts[i]);
    }
    m_outputs.resize(m_layers.size());
    m_deltas.resize(m_layers.size());
    m_deltaFilled.assign(m_layers.size(), 0);
}

Network::~Network() = default;

void Network::setParameters(std::span<const float> values) {
    if (values.size() != m_params.size())
        throw SpecError("expected " + std::to_string(m_params.size()) + " parameters, got " + std::to_string(values.size()));
    std::copy(values.begin(), values.end(), m_params.begin());
}

void Network::setState(std::span<const float> values) {
    if (values.size() != m_state.size())
        throw SpecError("expected " + std::to_string(m_state.size()) + " state values, got " + std::to_string(values.size()));
    std::copy(values.begin(), values.end(), m_state.begin());
}

void Network::initialize(std::uint64_t seed) {
    Rng rng(seed);
    for (auto& l : m_layers) l->initialize(rng);
}

void Network::reserve(int batch) {
    if (batch <= m_reserved) return;
    // Gradient buffers: one per layer but the last (its gradient is the caller's) and none for
    // the input row, whose gradient is never computed (100,000 columns on a wide file).
    std::size_t widest = 0;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const std::size_t n = std::size_t(batch) * m_layers[i]->outputs();
        m_outputs[i].resize(n);
        if (i + 1 < m_layers.size()) m_deltas[i].resize(n), widest = std::max(widest, n);
        m_layers[i]->reserve(batch);
    }
    bool shared = false; // a layer read by two or more others needs a scratch to sum into
    std::vector<int> readers(m_layers.size(), 0);
    for (const auto& list : m_sources)
        for (const int s : list)
            if (s >= 0 && ++readers[std::size_t(s)] > 1) shared = true;
    if (shared) m_scratch.resize(widest);
    m_reserved = batch;
}

MatrixMap Network::buffer(std::vector<float>& b, int rows, int cols) { return MatrixMap(b.data(), rows, cols); }

ConstMatrixMap Network::forward(ConstMatrixMap input, Mode mode, Rng& rng) {
    if (input.cols() != m_spec.inputs)
        throw SpecError("input has " + std::to_string(input.cols()) + " columns, network expects " + std::to_string(m_spec.inputs));
    const int batch = static_cast<int>(input.rows());
    reserve(batch);
    m_input = input.data();
    m_batch = batch;
    if (!m_masked.empty()) {
        // A padded step is one whose input features are all zero (a character sequence's padding).
        const int steps = m_spec.steps, features = m_spec.inputs / steps;
        m_mask.resize(std::size_t(batch) * steps);
        for (int b = 0; b < batch; ++b)
            for (int t = 0; t < steps; ++t) {
                const float* step = input.data() + std::size_t(b) * m_spec.inputs + std::size_t(t) * features;
                m_mask[std::size_t(b) * steps + t] = std::all_of(step, step + features, [](float v) { return v == 0.0f; });
            }
        for (RecurrentLayer* l : m_masked) l->setMask(m_mask.data());
    }
    std::vector<ConstMatrixMap> ins;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        MatrixMap out = buffer(m_outputs[i], batch, m_layers[i]->outputs());
        const auto read = [&](int s) { return s == NetworkSpec::kInputSource ? input : activation(s); };
        if (LayerSpec::isMerge(m_spec.layers[i].type)) {
            ins.clear();
            for (const int s : m_sources[i]) ins.push_back(read(s));
            m_layers[i]->forwardMerge(ins, out);
        } else {
            m_layers[i]->forward(read(m_sources[i][0]), out, mode, rng);
        }
    }
    return activation(int(m_layers.size()) - 1);
}

void Network::backward(ConstMatrixMap dOutput) {
    const int batch = m_batch;
    std::fill(m_deltaFilled.begin(), m_deltaFilled.end(), std::uint8_t(0));
    std::vector<MatrixMap> dIns;
    for (std::size_t i = m_layers.size(); i-- > 0;) {
        Layer& layer = *m_layers[i];
        const ConstMatrixMap dOut = i + 1 == m_layers.size() ? dOutput : ConstMatrixMap(m_deltas[i].data(), batch, layer.outputs());
        const ConstMatrixMap out = activation(static_cast<int>(i));
        // Where each input's gradient goes: straight into the source's buffer for its first
        // reader (readers run last to first), into the scratch for a later one, nowhere for the
        // input row. A merge's inputs take turns with the scratch, one at a time.
        // The input row's gradient is never needed, nor a column group's (it reads only the input).
        const auto needed = [&](int s) { return s != NetworkSpec::kInputSource && m_spec.layers[std::size_t(s)].type != LayerType::Select; };
        const auto target = [&](int s, int width) {
            if (!needed(s)) return MatrixMap(nullptr, 0, width);
            if (!m_deltaFilled[std::size_t(s)]) return MatrixMap(m_deltas[std::size_t(s)].data(), batch, width);
            return MatrixMap(m_scratch.data(), batch, width);
        };
        // After a gradient was written: a scratch one is added into the source's buffer.
        const auto settle = [&](int s) {
            if (!needed(s)) return;
            const std::size_t n = std::size_t(batch) * std::size_t(m_layers[std::size_t(s)]->outputs());
            if (m_deltaFilled[std::size_t(s)]) {
                float* into = m_deltas[std::size_t(s)].data();
                for (std::size_t k = 0; k < n; ++k) into[k] += m_scratch[k];
            }
            m_deltaFilled[std::size_t(s)] = 1;
        };
        const auto width = [&](int s) { return s == NetworkSpec::kInputSource ? m_spec.inputs : m_layers[std::size_t(s)]->outputs(); };
        layer.setGradientsZero(m_gradientsZero);
        if (LayerSpec::isMerge(m_spec.layers[i].type)) {
            // Each input in turn, so at most one of them uses the scratch at a time.
            for (std::size_t k = 0; k < m_sources[i].size(); ++k) {
                const int s = m_sources[i][k];
                dIns.clear();
                for (std::size_t q = 0; q < m_sources[i].size(); ++q)
                    dIns.push_back(q == k ? target(s, width(s)) : MatrixMap(nullptr, 0, width(m_sources[i][q])));
                layer.backwardMerge(dOut, dIns);
                settle(s);
            }
        } else {
            const int s = m_sources[i][0];
            const ConstMatrixMap in = s == NetworkSpec::kInputSource ? ConstMatrixMap(m_input, batch, m_spec.inputs) : activation(s);
            // The input row's gradient is never needed: that product is skipped entirely.
            layer.backward(in, out, dOut, target(s, layer.inputs()));
            settle(s);
        }
    }
    m_gradientsZero = false;
}

ConstMatrixMap Network::activation(int i) const {
    return ConstMatrixMap(m_outputs[std::size_t(i)].data(), m_batch, m_layers[std::size_t(i)]->outputs());
}

Matrix Network::predict(ConstMatrixMap input) {
    constexpr Eigen::Index kChunk = kPredictChunk;
    Matrix result(input.rows(), outputs());
    Rng unused(0);
    for (Eigen::Index r = 0; r < input.rows(); r += kChunk) {
        const Eigen::Index n = std::min(kChunk, input.rows() - r);
        const ConstMatrixMap chunk(input.data() + r * input.cols(), n, input.cols());
        result.middleRows(r, n) = forward(chunk, Mode::Inference, unused);
    }
    return result;
}

} // namespace layerlab::engine::nn
