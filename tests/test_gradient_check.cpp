// Numerical gradient checks (central differences) for every layer, activation and loss, and for
// a whole network end to end. Silent wrong gradients are the classic way an engine "trains" badly.
#include "nn/ActivationLayer.h"
#include "nn/DenseLayer.h"
#include "nn/DropoutLayer.h"
#include "nn/EmbeddingLayer.h"
#include "nn/Network.h"
#include "nn/NormLayer.h"
#include "nn/RecurrentLayer.h"
#include "train/Loss.h"

#include <QTest>

#include <functional>

using namespace layerlab::engine;

namespace {

constexpr float kDefaultEps = 1e-3f;

Matrix randomMatrix(int rows, int cols, std::uint64_t seed, float lo = -2.0f, float hi = 2.0f) {
    Rng rng(seed);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        float v = rng.uniform(lo, hi);
        if (std::abs(v) < 0.05f) v += 0.1f; // keep away from the ReLU-family kinks
        m.data()[i] = v;
    }
    return m;
}

// Compares analytic with central-difference gradients of f over the values in `x`; returns the
// first mismatch, or an empty string.
QString gradientMismatch(const std::function<double()>& f, float* x, const float* analytic, std::size_t n, const char* what,
                         float kEps = kDefaultEps) {
    for (std::size_t i = 0; i < n; ++i) {
        const float keep = x[i];
        x[i] = keep + kEps;
        const double up = f();
        x[i] = keep - kEps;
        const double down = f();
        x[i] = keep;
        const double numeric = (up - down) / (2.0 * kEps);
        const double tolerance = 2e-3 + 1e-2 * std::max(std::abs(numeric), double(std::abs(analytic[i])));
        if (std::abs(numeric - analytic[i]) > tolerance)
            return QString("%1[%2]: analytic %3, numeric %4").arg(what).arg(i).arg(analytic[i]).arg(numeric);
    }
    return {};
}

#define EXPECT_GRADIENT(...)                                                                                 \
    do {                                                                                                     \
        const QString mismatch = gradientMismatch(__VA_ARGS__);                                              \
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));                                                  \
    } while (false)

// Checks dIn (and parameter gradients, if any) of a layer under L = sum(out ⊙ R).
// `eps`: a linear layer can take a large step (no truncation error) to rise above float noise.
void checkLayer(nn::Layer& layer, int batch, std::uint64_t seed, float eps = kDefaultEps, nn::Mode mode = nn::Mode::Train) {
    Matrix in = randomMatrix(batch, layer.inputs(), seed);
    const Matrix r = randomMatrix(batch, layer.outputs(), seed + 1);
    std::size_t count = 0;
    for (const auto& v : layer.parameterLayout()) count = std::max(count, v.offset + v.size());
    std::vector<float> params(count), grads(count);
    layer.bind(params.data(), grads.data());
    Rng init(seed + 2);
    layer.initialize(init);
    for (auto& p : params) p += 0.05f * init.normal(); // non-zero biases too
    // State (BatchNorm's running statistics) away from its 0 / 1 start, so inference mode is not
    // the identity; training mode must not depend on it.
    std::size_t states = 0;
    for (const auto& v : layer.stateLayout()) states = std::max(states, v.offset + v.size());
    std::vector<float> state(states);
    for (std::size_t i = 0; i < states; ++i) state[i] = 0.5f + 0.25f * float(i % 3);
    layer.bindState(state.data());
    Matrix out(batch, layer.outputs()), dIn(batch, layer.inputs());
    auto loss = [&] {
        Rng rng(99); // same dropout mask every call
        layer.forward(ConstMatrixMap(in.data(), batch, in.cols()), MatrixMap(out.data(), batch, out.cols()), mode, rng);
        return (out.array().cast<double>() * r.array().cast<double>()).sum();
    };
    loss();
    layer.backward(ConstMatrixMap(in.data(), batch, in.cols()), ConstMatrixMap(out.data(), batch, out.cols()),
                   ConstMatrixMap(r.data(), batch, r.cols()), MatrixMap(dIn.data(), batch, dIn.cols()));
    const Matrix dInCopy = dIn;
    const std::vector<float> gradCopy = grads;
    EXPECT_GRADIENT(loss, in.data(), dInCopy.data(), std::size_t(in.size()), "input", eps);
    if (count) EXPECT_GRADIENT(loss, params.data(), gradCopy.data(), count, "parameter", eps);
}

// Every parameter's gradient of a whole network under a cross-entropy loss, in training mode.
void checkNetwork(const nn::NetworkSpec& spec, int batch, std::uint64_t seed, const std::function<void(Matrix&)>& fix = {}) {
    nn::Network net(spec);
    net.initialize(seed);
    for (float& p : net.parameters()) p += 0.05f * float(&p - net.parameters().data()) / float(net.parameterCount()); // γ ≠ 1
    const int outputs = net.outputs();
    Matrix x = randomMatrix(batch, spec.inputs, seed + 1);
    if (fix) fix(x);
    Matrix y(batch, 1);
    for (int r = 0; r < batch; ++r) y(r, 0) = float(r % outputs);
    Matrix grad(batch, outputs);
    Rng rng(1);
    auto f = [&] {
        const auto out = net.forward(ConstMatrixMap(x.data(), batch, spec.inputs), nn::Mode::Train, rng);
        return train::computeLoss(train::LossKind::SoftmaxCrossEntropy, out, ConstMatrixMap(y.data(), batch, 1));
    };
    const auto out = net.forward(ConstMatrixMap(x.data(), batch, spec.inputs), nn::Mode::Train, rng);
    train::computeLoss(train::LossKind::SoftmaxCrossEntropy, out, ConstMatrixMap(y.data(), batch, 1), MatrixMap(grad.data(), batch, outputs));
    net.backward(ConstMatrixMap(grad.data(), batch, outputs));
    const std::vector<float> analytic(net.gradients().begin(), net.gradients().end());
    EXPECT_GRADIENT(f, net.parameters().data(), analytic.data(), analytic.size(), "network");
}

nn::LayerSpec with(nn::LayerSpec l, int id, std::vector<int> from = {}) {
    l.id = id;
    l.from = std::move(from);
    return l;
}

} // namespace

class TestGradientCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void activations_data() {
        QTest::addColumn<int>("activation");
        for (int a = 0; a <= int(nn::Activation::Softmax); ++a)
            QTest::newRow(std::string(nn::activationName(nn::Activation(a))).c_str()) << a;
    }
    void activations() {
        QFETCH(int, activation);
        nn::ActivationLayer layer(5, nn::Activation(activation));
        checkLayer(layer, 4, 10 + std::uint64_t(activation));
    }
    void dense_data() {
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("outputs");
        QTest::addColumn<int>("batch");
        QTest::newRow("3x4 batch 5") << 3 << 4 << 5;
        QTest::newRow("1x1 batch 1") << 1 << 1 << 1;
        QTest::newRow("70x70 batch 64 (blas path)") << 70 << 70 << 64;
    }
    void dense() {
        QFETCH(int, inputs);
        QFETCH(int, outputs);
        QFETCH(int, batch);
        nn::DenseLayer layer(inputs, outputs, nn::Initializer::GlorotUniform, "d");
        checkLayer(layer, batch, 3, 0.05f);
    }
    void recurrent_data() {
        QTest::addColumn<int>("cell");
        QTest::addColumn<bool>("sequences");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<bool>("masked");
        for (const nn::Cell c : {nn::Cell::Rnn, nn::Cell::Gru, nn::Cell::Lstm}) {
            const std::string name(nn::cellName(c));
            QTest::newRow((name + " last").c_str()) << int(c) << false << false << false;
            QTest::newRow((name + " sequences").c_str()) << int(c) << true << false << false;
            QTest::newRow((name + " bidirectional").c_str()) << int(c) << false << true << false;
            QTest::newRow((name + " masked").c_str()) << int(c) << false << false << true;
            QTest::newRow((name + " masked bidirectional sequences").c_str()) << int(c) << true << true << true;
        }
    }
    void recurrent() {
        QFETCH(int, cell);
        QFETCH(bool, sequences);
        QFETCH(bool, bidirectional);
        QFETCH(bool, masked);
        const int steps = 4, batch = 3;
        nn::RecurrentLayer layer(nn::Cell(cell), steps, 3, 4, sequences, bidirectional, "r");
        // Row 0 is whole, row 1 is padded after two steps, row 2 has a gap in the middle (the
        // masking rule is general, not only trailing padding).
        const std::vector<std::uint8_t> mask = {0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1};
        if (masked) layer.setMask(mask.data());
        checkLayer(layer, batch, 40 + std::uint64_t(cell) * 7 + sequences + 2 * bidirectional);
    }
    void embedding() {
        // Inputs: [x, level of a (4 levels, 3 dims), y, level of b (2 levels, 2 dims)] -> 2 + 3 + 2 = 7 outputs.
        nn::EmbeddingLayer layer(4, {{1, 4, 3}, {3, 2, 2}}, "e");
        QCOMPARE(layer.outputs(), 7);
        const int batch = 6;
        Matrix in = randomMatrix(batch, 4, 21);
        for (int r = 0; r < batch; ++r) in(r, 1) = float(r % 4), in(r, 3) = float(r % 2);
        const Matrix weight = randomMatrix(batch, 7, 22);
        std::vector<float> params(4 * 3 + 2 * 2), grads(params.size());
        layer.bind(params.data(), grads.data());
        Rng init(23);
        layer.initialize(init);
        Matrix out(batch, 7), dIn(batch, 4);
        auto loss = [&] {
            Rng rng(1);
            layer.forward(ConstMatrixMap(in.data(), batch, 4), MatrixMap(out.data(), batch, 7), nn::Mode::Train, rng);
            return (out.array().cast<double>() * weight.array().cast<double>()).sum();
        };
        loss();
        QCOMPARE(out(2, 0), in(2, 0));               // x passes through
        QCOMPARE(out(2, 1), params[2 * 3 + 0]);       // row 2 selects level 2 of a
        QCOMPARE(out(3, 5), params[12 + 1 * 2 + 0]);  // row 3 selects level 1 of b
        layer.backward(ConstMatrixMap(in.data(), batch, 4), ConstMatrixMap(out.data(), batch, 7),
                       ConstMatrixMap(weight.data(), batch, 7), MatrixMap(dIn.data(), batch, 4));
        const std::vector<float> gradCopy = grads;
        EXPECT_GRADIENT(loss, params.data(), gradCopy.data(), params.size(), "embedding table");
        for (int r = 0; r < batch; ++r) {
            QCOMPARE(dIn(r, 0), weight(r, 0)); // pass-through columns get dOut
            QCOMPARE(dIn(r, 2), weight(r, 4));
            QCOMPARE(dIn(r, 1), 0.0f);         // an index has no gradient
        }
        // A damaged index selects the unknown bucket (the last level), never memory outside.
        QCOMPARE(nn::EmbeddingLayer::level(NAN, 4), 3);
        QCOMPARE(nn::EmbeddingLayer::level(99.0f, 4), 3);
        QCOMPARE(nn::EmbeddingLayer::level(-5.0f, 4), 0);
        QCOMPARE(nn::EmbeddingLayer::level(1.4f, 4), 1);
    }
    void dropout() {
        nn::DropoutLayer layer(6, 0.4f);
        checkLayer(layer, 5, 4);
    }
    void losses_data() {
        QTest::addColumn<int>("loss");
        for (auto k : {train::LossKind::Mse, train::LossKind::Huber, train::LossKind::BinaryCrossEntropy,
                       train::LossKind::SoftmaxCrossEntropy})
            QTest::newRow(std::string(train::lossName(k)).c_str()) << int(k);
    }
    void losses() {
        QFETCH(int, loss);
        const auto kind = train::LossKind(loss);
        const int batch = 6, width = kind == train::LossKind::BinaryCrossEntropy ? 1 : 3;
        Matrix out = randomMatrix(batch, width, 5, -3.0f, 3.0f);
        Matrix target = randomMatrix(batch, width, 6, -3.0f, 3.0f);
        if (kind == train::LossKind::SoftmaxCrossEntropy) {
            target.resize(batch, 1);
            for (int r = 0; r < batch; ++r) target(r, 0) = float(r % 3);
        } else if (kind == train::LossKind::BinaryCrossEntropy) {
            for (int r = 0; r < batch; ++r) target(r, 0) = float(r % 2);
        }
        Matrix grad(batch, width);
        const ConstMatrixMap t(target.data(), target.rows(), target.cols());
        auto f = [&] { return train::computeLoss(kind, ConstMatrixMap(out.data(), batch, width), t, 1.0f); };
        train::computeLoss(kind, ConstMatrixMap(out.data(), batch, width), t, MatrixMap(grad.data(), batch, width), 1.0f);
        EXPECT_GRADIENT(f, out.data(), grad.data(), std::size_t(out.size()), "output");
    }
    void wholeNetwork() {
        // Wiring of the flat buffers and ping-pong deltas: every parameter of a 4-6-5-3 net.
        nn::NetworkSpec spec;
        spec.inputs = 4;
        spec.layers = {nn::LayerSpec::dense(6), nn::LayerSpec::act(nn::Activation::Tanh), nn::LayerSpec::dense(5),
                       nn::LayerSpec::act(nn::Activation::Gelu), nn::LayerSpec::dense(3)};
        nn::Network net(spec);
        net.initialize(7);
        const Matrix x = randomMatrix(8, 4, 8);
        Matrix y(8, 1);
        for (int r = 0; r < 8; ++r) y(r, 0) = float(r % 3);
        Matrix grad(8, 3);
        Rng rng(1);
        auto f = [&] {
            const auto out = net.forward(ConstMatrixMap(x.data(), 8, 4), nn::Mode::Train, rng);
            return train::computeLoss(train::LossKind::SoftmaxCrossEntropy, out, ConstMatrixMap(y.data(), 8, 1));
        };
        const auto out = net.forward(ConstMatrixMap(x.data(), 8, 4), nn::Mode::Train, rng);
        train::computeLoss(train::LossKind::SoftmaxCrossEntropy, out, ConstMatrixMap(y.data(), 8, 1), MatrixMap(grad.data(), 8, 3));
        net.backward(ConstMatrixMap(grad.data(), 8, 3));
        const std::vector<float> analytic(net.gradients().begin(), net.gradients().end());
        QCOMPARE(analytic.size(), std::size_t(4 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3));
        EXPECT_GRADIENT(f, net.parameters().data(), analytic.data(), analytic.size(), "network");
    }
    void normalization_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("training");
        QTest::newRow("batchnorm, training") << int(nn::LayerType::BatchNorm) << true;
        QTest::newRow("batchnorm, inference") << int(nn::LayerType::BatchNorm) << false;
        QTest::newRow("layernorm") << int(nn::LayerType::LayerNorm) << true;
    }
    void normalization() {
        QFETCH(int, type);
        QFETCH(bool, training);
        nn::NormLayer layer(nn::LayerType(type), 5, "norm");
        checkLayer(layer, 6, 40, kDefaultEps, training ? nn::Mode::Train : nn::Mode::Inference);
    }
    void mergesAndANodeReadByThree() {
        // h1 feeds h2, the add and the concat: its gradient is three readers' sum (one written in
        // place, two through the scratch); the concat's halves go back to two different layers.
        nn::NetworkSpec spec;
        spec.inputs = 4;
        spec.layers = {with(nn::LayerSpec::dense(6), 1, {0}),
                       with(nn::LayerSpec::act(nn::Activation::Tanh), 2, {1}),
                       with(nn::LayerSpec::dense(6), 3, {2}),
                       with(nn::LayerSpec::of(nn::LayerType::Add), 4, {2, 3}),
                       with(nn::LayerSpec::of(nn::LayerType::Concat), 5, {4, 2, 0}),
                       with(nn::LayerSpec::of(nn::LayerType::LayerNorm), 6, {5}),
                       with(nn::LayerSpec::dense(3), 7, {6})};
        QVERIFY(!spec.isChain());
        QCOMPARE(spec.shapes(), (std::vector<int>{6, 6, 6, 6, 16, 16, 3}));
        checkNetwork(spec, 8, 21);
    }
    void residualNetworkWithBatchNorm() {
        // Two residual blocks x + dense(relu(batchnorm(dense(x)))), as the residual sample draws them.
        nn::NetworkSpec spec;
        spec.inputs = 5;
        spec.layers = {with(nn::LayerSpec::dense(8), 1, {0})};
        for (int block = 0; block < 2; ++block) {
            const int in = 1 + 5 * block; // the block's input: the first dense, then each add
            spec.layers.push_back(with(nn::LayerSpec::dense(8), in + 1, {in}));
            spec.layers.push_back(with(nn::LayerSpec::of(nn::LayerType::BatchNorm), in + 2, {in + 1}));
            spec.layers.push_back(with(nn::LayerSpec::act(nn::Activation::Tanh), in + 3, {in + 2}));
            spec.layers.push_back(with(nn::LayerSpec::dense(8), in + 4, {in + 3}));
            spec.layers.push_back(with(nn::LayerSpec::of(nn::LayerType::Add), in + 5, {in, in + 4}));
        }
        spec.layers.push_back(with(nn::LayerSpec::dense(3), 12, {11}));
        checkNetwork(spec, 10, 33);
    }
    void wideAndDeepColumnGroups() {
        // input[0] (a level index) through an embedding, input[1..3] through a dense branch,
        // concatenated: every weight's gradient, the groups' own gradients never computed.
        nn::NetworkSpec spec;
        spec.inputs = 4;
        nn::LayerSpec pickLevel = with(nn::LayerSpec::of(nn::LayerType::Select), 1, {0}), pickRest = with(nn::LayerSpec::of(nn::LayerType::Select), 3, {0});
        pickLevel.positions = {0};
        pickRest.positions = {1, 2, 3};
        spec.layers = {pickLevel,
                       with(nn::LayerSpec::embedding({{0, 3, 2}}), 2, {1}),
                       pickRest,
                       with(nn::LayerSpec::dense(3), 4, {3}),
                       with(nn::LayerSpec::act(nn::Activation::Tanh), 5, {4}),
                       with(nn::LayerSpec::of(nn::LayerType::Concat), 6, {2, 5}),
                       with(nn::LayerSpec::dense(3), 7, {6})};
        QCOMPARE(spec.shapes()[5], 2 + 3);
        checkNetwork(spec, 9, 51, [](Matrix& x) {
            for (Eigen::Index r = 0; r < x.rows(); ++r) x(r, 0) = float(r % 3);
        });
    }
    void checkerCatchesAWrongGradient() {
        // The comparison itself must flag a derivative that is off by 5 %, and pass the right one.
        float x = 1.5f;
        auto f = [&] { return double(x) * x; };
        const float right = 2.0f * x, wrong = 2.0f * x * 1.05f;
        QVERIFY(gradientMismatch(f, &x, &right, 1, "x").isEmpty());
        QVERIFY(!gradientMismatch(f, &x, &wrong, 1, "x").isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestGradientCheck)
#include "test_gradient_check.moc"
