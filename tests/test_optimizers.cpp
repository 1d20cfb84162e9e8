// Optimizers on flat buffers: each one minimizes a quadratic; the update rules match hand-computed
// first steps; L1/L2 and weight decay touch weights only; clipping bounds the step.
#include "train/Optimizer.h"
#include "train/Schedule.h"

#include <QTest>

#include <cmath>

using namespace layerlab::engine;
using train::OptimizerKind;

namespace {
std::vector<nn::ParameterView> layout(std::size_t weights, std::size_t biases) {
    return {{"w", 0, 1, int(weights), 0, true}, {"b", weights, 1, int(biases), 0, false}};
}
} // namespace

class TestOptimizers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void minimizesQuadratic_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<float>("lr");
        for (auto [k, lr] : {std::pair{OptimizerKind::Sgd, 0.1f}, {OptimizerKind::Momentum, 0.05f}, {OptimizerKind::Nesterov, 0.05f},
                             {OptimizerKind::Adam, 0.05f}, {OptimizerKind::AdamW, 0.05f}, {OptimizerKind::RmsProp, 0.02f}})
            QTest::newRow(std::string(train::optimizerName(k)).c_str()) << int(k) << lr;
    }
    void minimizesQuadratic() {
        QFETCH(int, kind);
        QFETCH(float, lr);
        // f(w) = sum (w - 3)^2, gradient 2(w - 3).
        std::vector<float> w{0.0f, 10.0f, -4.0f, 1.0f}, g(4);
        train::Optimizer opt(layout(3, 1), 4);
        train::OptimizerSettings s;
        s.kind = OptimizerKind(kind);
        s.weightDecay = 0.0f;
        opt.configure(s);
        for (int step = 0; step < 2000; ++step) {
            for (std::size_t i = 0; i < 4; ++i) g[i] = 2.0f * (w[i] - 3.0f);
            opt.step(w, g, lr);
        }
        for (const float v : w) QVERIFY2(std::abs(v - 3.0f) < 0.05f, qPrintable(QString::number(v)));
    }
    void firstStepsByHand() {
        train::OptimizerSettings s;
        std::vector<float> w{1.0f}, g{0.5f};
        // SGD: w - lr g
        s.kind = OptimizerKind::Sgd;
        train::Optimizer sgd(layout(1, 0), 1);
        sgd.configure(s);
        sgd.step(w, g, 0.1f);
        QCOMPARE(w[0], 1.0f - 0.05f);
        QCOMPARE(g[0], 0.0f); // consumed: the next backward adds into zeros
        // Adam's first step is lr * sign(g) (bias-corrected m/sqrt(v) = g/|g|).
        w = {1.0f};
        g = {0.5f};
        s.kind = OptimizerKind::Adam;
        train::Optimizer adam(layout(1, 0), 1);
        adam.configure(s);
        adam.step(w, g, 0.1f);
        QVERIFY(std::abs(w[0] - 0.9f) < 1e-6f);
        // Nesterov: v = g; w -= lr (g + mu v)
        w = {1.0f};
        g = {0.5f};
        s.kind = OptimizerKind::Nesterov;
        train::Optimizer nesterov(layout(1, 0), 1);
        nesterov.configure(s);
        nesterov.step(w, g, 0.1f);
        QVERIFY(std::abs(w[0] - (1.0f - 0.1f * (0.5f + 0.9f * 0.5f))) < 1e-6f);
        // Momentum, two steps: v1 = g, w1 = w - lr v1; v2 = mu v1 + g, w2 = w1 - lr v2.
        w = {1.0f};
        s.kind = OptimizerKind::Momentum;
        train::Optimizer momentum(layout(1, 0), 1);
        momentum.configure(s);
        for (int step = 0; step < 2; ++step) {
            g = {0.5f};
            momentum.step(w, g, 0.1f);
        }
        const float v2 = s.momentum * 0.5f + 0.5f;
        QVERIFY(std::abs(w[0] - (1.0f - 0.1f * 0.5f - 0.1f * v2)) < 1e-6f);
        // RMSprop: a = (1 - rho) g^2, w -= lr g / (sqrt(a) + eps).
        w = {1.0f};
        g = {0.5f};
        s.kind = OptimizerKind::RmsProp;
        train::Optimizer rms(layout(1, 0), 1);
        rms.configure(s);
        rms.step(w, g, 0.1f);
        const double a = (1.0 - s.rho) * 0.25;
        QVERIFY(std::abs(double(w[0]) - (1.0 - 0.1 * 0.5 / (std::sqrt(a) + s.epsilon))) < 1e-6);
    }
    // AdamW's decay is decoupled: lr * decay * w off the weight, on top of Adam's step, and none
    // off the bias; plain Adam ignores the setting. (Run with decay 0, AdamW is just Adam.)
    void momentsNeverGoSubnormal_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("adam") << int(train::OptimizerKind::Adam);
        QTest::newRow("momentum") << int(train::OptimizerKind::Momentum);
        QTest::newRow("rmsprop") << int(train::OptimizerKind::RmsProp);
    }
    void momentsNeverGoSubnormal() {
        // A gradient that stops (a dead ReLU's weights) lets its moments decay geometrically; in
        // subnormal floats every step cost a microcode assist (Adam at batch 32 ran 20x slower).
        // They are flushed to exactly zero instead, and the weight stops moving.
        QFETCH(int, kind);
        train::Optimizer opt(layout(2, 0), 2);
        train::OptimizerSettings s;
        s.kind = train::OptimizerKind(kind);
        s.learningRate = 0.01f;
        opt.configure(s);
        std::vector<float> w{0.5f, -0.5f}, g{1.0f, 0.5f};
        opt.step(w, g, s.learningRate);
        for (int k = 0; k < 2000; ++k) opt.step(w, g, s.learningRate); // g was consumed: zeros from here on
        const auto state = opt.state();
        for (const auto& moments : {state.m, state.v})
            for (const float x : moments) QVERIFY2(std::fpclassify(x) != FP_SUBNORMAL && (x == 0.0f || std::abs(x) >= 1e-30f), qPrintable(QString::number(double(x))));
        QCOMPARE(state.m[0], 0.0f);
    }

    void adamWDecaysWeightsNotBiases() {
        for (const auto kind : {OptimizerKind::AdamW, OptimizerKind::Adam}) {
            std::vector<float> w{1.0f, 1.0f}, g{0.5f, 0.5f};
            train::OptimizerSettings s;
            s.kind = kind;
            s.weightDecay = 0.1f;
            train::Optimizer opt(layout(1, 1), 2);
            opt.configure(s);
            opt.step(w, g, 0.1f);
            const float weight = kind == OptimizerKind::AdamW ? 1.0f - 0.1f * 0.1f * 1.0f - 0.1f : 0.9f;
            QVERIFY2(std::abs(w[0] - weight) < 1e-6f, qPrintable(QString("%1: weight %2").arg(train::optimizerName(kind).data()).arg(w[0])));
            QVERIFY(std::abs(w[1] - 0.9f) < 1e-6f); // the bias takes Adam's step only
        }
    }
    void regularizationSkipsBiases() {
        std::vector<float> w{2.0f, 2.0f}, g{0.0f, 0.0f};
        train::OptimizerSettings s;
        s.kind = OptimizerKind::Sgd;
        s.l2 = 0.5f;
        s.l1 = 0.25f;
        train::Optimizer opt(layout(1, 1), 2);
        opt.configure(s);
        opt.step(w, g, 0.1f);
        QCOMPARE(w[0], 2.0f - 0.1f * (0.5f * 2.0f + 0.25f)); // weight decays
        QCOMPARE(w[1], 2.0f);                                // bias untouched
    }
    void clippingBoundsTheNorm() {
        std::vector<float> w{0.0f, 0.0f}, g{30.0f, 40.0f}; // norm 50
        train::OptimizerSettings s;
        s.kind = OptimizerKind::Sgd;
        s.clipNorm = 5.0f;
        train::Optimizer opt(layout(2, 0), 2);
        opt.configure(s);
        const double norm = opt.step(w, g, 1.0f);
        QCOMPARE(norm, 50.0);
        QVERIFY(std::abs(w[0] + 3.0f) < 1e-5f && std::abs(w[1] + 4.0f) < 1e-5f);
    }
    void schedules() {
        train::Schedule s;
        QCOMPARE(s.rate(0.1f, 7, 10), 0.1f);
        s.kind = train::ScheduleKind::Step;
        s.stepEvery = 3;
        s.gamma = 0.5f;
        QCOMPARE(s.rate(0.8f, 2, 10), 0.8f);
        QCOMPARE(s.rate(0.8f, 3, 10), 0.4f);
        QCOMPARE(s.rate(0.8f, 7, 10), 0.2f);
        s.kind = train::ScheduleKind::Cosine;
        QCOMPARE(s.rate(1.0f, 0, 11), 1.0f);
        QVERIFY(std::abs(s.rate(1.0f, 5, 11) - 0.5f) < 1e-6f);
        QVERIFY(std::abs(s.rate(1.0f, 10, 11)) < 1e-6f);
    }
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "test_optimizers.moc"
