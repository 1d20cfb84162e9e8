// Metrics against hand-computed values.
#include "train/Judgement.h"
#include "train/Metrics.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace layerlab::engine;

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aucKnownValues() {
        const std::vector<float> perfect{0.1f, 0.2f, 0.8f, 0.9f};
        const std::vector<int> labels{0, 0, 1, 1};
        QCOMPARE(train::rocAuc(perfect, labels), 1.0);
        const std::vector<float> reversed{0.9f, 0.8f, 0.2f, 0.1f};
        QCOMPARE(train::rocAuc(reversed, labels), 0.0);
        const std::vector<float> ties{0.5f, 0.5f, 0.5f, 0.5f};
        QCOMPARE(train::rocAuc(ties, labels), 0.5);
        // One inversion out of 2x2 pairs.
        const std::vector<float> one{0.1f, 0.6f, 0.5f, 0.9f};
        QCOMPARE(train::rocAuc(one, labels), 0.75);
        QVERIFY(std::isnan(train::rocAuc(perfect, std::vector<int>{1, 1, 1, 1})));
    }
    void classification() {
        Matrix logits(4, 2);
        logits << 2, 0, 0, 2, 0, 1, 3, 0; // predicts 0, 1, 1, 0
        Matrix y(4, 1);
        y << 0, 1, 0, 0;
        const auto m = train::computeMetrics(train::LossKind::SoftmaxCrossEntropy, ConstMatrixMap(logits.data(), 4, 2),
                                             ConstMatrixMap(y.data(), 4, 1), 2);
        QCOMPARE(m.accuracy, 0.75);
        QCOMPARE(m.baselineAccuracy, 0.75);
        QCOMPARE(m.confusion[0][1], std::int64_t(1));
        QCOMPARE(m.confusion[1][1], std::int64_t(1));
        QCOMPARE(m.auc, 1.0); // scores 1-0: -2, 2, 1, -3 -> the one positive ranks above all negatives
    }
    void regression() {
        Matrix pred(3, 1), y(3, 1);
        pred << 1, 2, 4;
        y << 1, 2, 3;
        const auto m = train::computeMetrics(train::LossKind::Mse, ConstMatrixMap(pred.data(), 3, 1), ConstMatrixMap(y.data(), 3, 1), 0);
        QVERIFY(std::abs(m.rmse - std::sqrt(1.0 / 3.0)) < 1e-9);
        QVERIFY(std::abs(m.mae - 1.0 / 3.0) < 1e-9);
        QVERIFY(std::abs(m.r2 - 0.5) < 1e-9); // SS_res 1, SS_tot 2
        QVERIFY(!m.toJson().find("accuracy"));
    }
    // A NaN score once made the tie walk spin forever (NaN != NaN) after an undefined sort.
    void aucIsTotalOverNonFiniteScores() {
        const float inf = std::numeric_limits<float>::infinity();
        const std::vector<int> labels{0, 1, 0, 1};
        QVERIFY(std::isnan(train::rocAuc(std::vector<float>{0.1f, std::nanf(""), 0.2f, 0.3f}, labels)));
        QCOMPARE(train::rocAuc(std::vector<float>{-inf, inf, -inf, inf}, labels), 1.0);
        QCOMPARE(train::rocAuc(std::vector<float>{inf, inf, inf, inf}, labels), 0.5);
        QCOMPARE(train::rocCurve(std::vector<float>{std::nanf(""), 1.0f, 0.0f, 2.0f}, labels).size(), std::size_t(1));
    }
    // Property: every metric ends and stays in range on any mix of NaN, ±inf, ties and numbers.
    void metricsAreTotalOnHostileOutputs() {
        const float inf = std::numeric_limits<float>::infinity();
        const std::vector<float> pool{std::nanf(""), inf, -inf, 0.0f, 0.0f, 1.0f, -1.0f, 3e38f, -3e38f, 0.5f};
        std::mt19937 rng(7);
        for (int trial = 0; trial < 400; ++trial) {
            const int rows = 1 + int(rng() % 40);
            const int classes = 2 + int(rng() % 2);
            const bool binary = trial % 3 == 0;
            const auto loss = binary ? train::LossKind::BinaryCrossEntropy : train::LossKind::SoftmaxCrossEntropy;
            const int cols = binary ? 1 : classes;
            Matrix logits(rows, cols), y(rows, 1);
            for (int r = 0; r < rows; ++r) {
                for (int c = 0; c < cols; ++c) logits(r, c) = pool[rng() % pool.size()];
                y(r, 0) = float(rng() % std::uint32_t(binary ? 2 : classes));
            }
            const ConstMatrixMap l(logits.data(), rows, cols), t(y.data(), rows, 1);
            const auto m = train::computeMetrics(loss, l, t, binary ? 2 : classes);
            std::size_t bad = 0;
            for (int r = 0; r < rows; ++r) bad += !logits.row(r).allFinite();
            QCOMPARE(m.nonFinite, bad);
            QVERIFY(m.accuracy >= 0.0 && m.accuracy <= 1.0 - double(bad) / rows + 1e-12); // a non-finite row is never right
            QVERIFY(std::isnan(m.auc) || (m.auc >= 0.0 && m.auc <= 1.0));
            std::int64_t inMatrix = 0;
            for (const auto& row : m.confusion)
                for (const auto v : row) inMatrix += v;
            QCOMPARE(std::size_t(inMatrix), std::size_t(rows) - bad);
            const auto j = train::Judgement::compute(loss, l, t, binary ? 2 : classes, 1.0f, 5);
            QCOMPARE(j.worst.size(), std::min<std::size_t>(5, std::size_t(rows)));
            for (std::size_t i = 1; i < j.worstLoss.size(); ++i) // NaN first, then largest first
                QVERIFY(std::isnan(j.worstLoss[i - 1]) || (!std::isnan(j.worstLoss[i]) && j.worstLoss[i - 1] >= j.worstLoss[i]));
            const Matrix first = logits.col(0);
            const ConstMatrixMap f(first.data(), rows, 1);
            const auto reg = train::computeMetrics(train::LossKind::Mse, f, t, 0);
            QCOMPARE(reg.nonFinite == 0, first.allFinite());
            QCOMPARE(std::isnan(reg.rmse) || std::isinf(reg.rmse), !first.allFinite());
            (void)train::Judgement::compute(train::LossKind::Mse, f, t, 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
