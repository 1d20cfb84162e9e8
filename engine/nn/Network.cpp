#include "Network.h"

#include "ActivationLayer.h"
#include "DenseLayer.h"
#include "DropoutLayer.h"
#include "EmbeddingLayer.h"
#include "RecurrentLayer.h"
#include "core/Error.h"

#include <algorithm>

namespace layerlab::engine::nn {
namespace {

bool reluLike(Activation a) {
    return a == Activation::Relu || a == Activation::LeakyRelu || a == Activation::Elu || a == Activation::Gelu;
}

// Auto: He for layers feeding a ReLU-like activation, Glorot otherwise.
Initializer resolve(const NetworkSpec& spec, std::size_t i) {
    if (spec.layers[i].init != Initializer::Auto) return spec.layers[i].init;
    for (std::size_t j = i + 1; j < spec.layers.size(); ++j) {
        if (spec.layers[j].type == LayerType::Dense) break;
        if (spec.layers[j].type == LayerType::Activation)
            return reluLike(spec.layers[j].activation) ? Initializer::HeUniform : Initializer::GlorotUniform;
    }
    return Initializer::GlorotUniform;
}

} // namespace

Network::Network(NetworkSpec spec) : m_spec(std::move(spec)) {
    const std::vector<Shape> shapes = m_spec.sequenceShapes();
    Shape shape{m_spec.steps, m_spec.inputs};
    int width = m_spec.inputs;
    int denseCount = 0;
    int cellCount[3] = {0, 0, 0};
    for (std::size_t i = 0; i < m_spec.layers.size(); ++i) {
        const LayerSpec& l = m_spec.layers[i];
        switch (l.type) {
        case LayerType::Dense:
            m_layers.push_back(std::make_unique<DenseLayer>(width, l.units, resolve(m_spec, i),
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
        }
        shape = shapes[i];
        width = shape.width;
    }
    // The delta buffers hold the gradients passed back into layers 1..n-1; the first layer's
    // input gradient is never computed, so the input width (100,000 on a wide file, times the
    // batch, twice) is not reserved.
    m_maxWidth = 0;
    for (std::size_t i = 1; i < m_layers.size(); ++i) m_maxWidth = std::max(m_maxWidth, m_layers[i]->inputs());
    // One flat buffer: layer blocks in order; views record where each named slice lives.
    std::vector<std::size_t> starts;
    std::size_t total = 0;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        starts.push_back(total);
        for (ParameterView v : m_layers[i]->parameterLayout()) {
            v.offset += total;
            v.layer = static_cast<int>(i);
            m_views.push_back(v);
        }
        for (const auto& v : m_layers[i]->parameterLayout()) total = std::max(total, starts[i] + v.offset + v.size());
    }
    m_params.assign(total, 0.0f);
    m_grads.assign(total, 0.0f);
    for (std::size_t i = 0; i < m_layers.size(); ++i) m_layers[i]->bind(m_params.data() + starts[i], m_grads.data() + starts[i]);
    m_outputs.resize(m_layers.size());
}

Network::~Network() = default;

void Network::setParameters(std::span<const float> values) {
    if (values.size() != m_params.size())
        throw SpecError("expected " + std::to_string(m_params.size()) + " parameters, got " + std::to_string(values.size()));
    std::copy(values.begin(), values.end(), m_params.begin());
}

void Network::initialize(std::uint64_t seed) {
    Rng rng(seed);
    for (auto& l : m_layers) l->initialize(rng);
}

void Network::reserve(int batch) {
    if (batch <= m_reserved) return;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        m_outputs[i].resize(std::size_t(batch) * m_layers[i]->outputs());
        m_layers[i]->reserve(batch);
    }
    m_deltaA.resize(std::size_t(batch) * m_maxWidth);
    m_deltaB.resize(std::size_t(batch) * m_maxWidth);
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
    ConstMatrixMap in = input;
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        MatrixMap out = buffer(m_outputs[i], batch, m_layers[i]->outputs());
        m_layers[i]->forward(in, out, mode, rng);
        new (&in) ConstMatrixMap(out.data(), batch, out.cols()); // re-seat the view (Maps are not assignable)
    }
    return in;
}

void Network::backward(ConstMatrixMap dOutput) {
    const int batch = m_batch;
    ConstMatrixMap dOut = dOutput;
    std::vector<float>* target = &m_deltaA;
    for (std::size_t i = m_layers.size(); i-- > 0;) {
        Layer& layer = *m_layers[i];
        const ConstMatrixMap in = i == 0 ? ConstMatrixMap(m_input, batch, m_spec.inputs) : activation(static_cast<int>(i) - 1);
        const ConstMatrixMap out = activation(static_cast<int>(i));
        // The first layer's input gradient is never needed: skip that product entirely.
        MatrixMap dIn(target->data(), i == 0 ? 0 : batch, layer.inputs());
        layer.setGradientsZero(m_gradientsZero);
        layer.backward(in, out, dOut, dIn);
        new (&dOut) ConstMatrixMap(dIn.data(), batch, layer.inputs());
        target = target == &m_deltaA ? &m_deltaB : &m_deltaA;
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
