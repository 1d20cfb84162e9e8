// Metrics against hand-computed values.
#include "train/Metrics.h"

#include <QTest>

#include <cmath>

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
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
