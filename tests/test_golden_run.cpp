// Golden run: a fixed seed and a tiny net must reproduce a stored loss trajectory and weight
// statistics. Catches any silent change to initialization, shuffling, kernels or update rules.
// If a deliberate change moves these numbers, regenerate them with LAYERLAB_PRINT_GOLDEN=1.
#include "TestData.h"
#include "train/Trainer.h"

#include <QTest>

#include <cstdio>

using namespace layerlab::engine;

namespace {
// 3-4-2 tanh, SGD lr 0.1, batch 10, 6 epochs, seed 5, on blobs(60, 3, 2, seed 5).
const double kLosses[] = {0.421083008, 0.312607423, 0.25026953, 0.214733304, 0.191775078, 0.175162045};
const double kWeightSum = 3.61106744;
const double kWeightSquares = 6.01450276;
} // namespace

class TestGoldenRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trajectory() {
        const auto data = layerlab::tests::blobs(60, 3, 2, 5);
        nn::Network net(layerlab::tests::mlpSpec(3, {4}, nn::Activation::Tanh, 2));
        net.initialize(5);
        train::TrainSettings s;
        s.optimizer.kind = train::OptimizerKind::Sgd;
        s.optimizer.learningRate = 0.1f;
        s.batchSize = 10;
        s.epochs = 6;
        s.seed = 5;
        struct Losses : train::TrainerObserver {
            std::vector<double> values;
            void onEpoch(const train::EpochReport& e) override { values.push_back(e.trainLoss); }
        } losses;
        train::Trainer(net, data, nullptr, s).run(&losses);
        double sum = 0, squares = 0;
        for (const float w : net.parameters()) sum += w, squares += double(w) * w;
        if (qEnvironmentVariableIsSet("LAYERLAB_PRINT_GOLDEN")) {
            for (const double l : losses.values) std::printf("%.9g, ", l);
            std::printf("\nsum %.9g squares %.9g\n", sum, squares);
        }
        QCOMPARE(losses.values.size(), std::size(kLosses));
        // Tolerances allow a different FMA contraction on another CPU, nothing more.
        for (std::size_t i = 0; i < losses.values.size(); ++i)
            QVERIFY2(std::abs(losses.values[i] - kLosses[i]) < 1e-5 * std::max(1.0, kLosses[i]),
                     qPrintable(QString("epoch %1: %2 vs %3").arg(i + 1).arg(losses.values[i], 0, 'g', 9).arg(kLosses[i], 0, 'g', 9)));
        QVERIFY2(std::abs(sum - kWeightSum) < 1e-4, qPrintable(QString::number(sum, 'g', 9)));
        QVERIFY2(std::abs(squares - kWeightSquares) < 1e-4, qPrintable(QString::number(squares, 'g', 9)));
    }
};

QTEST_APPLESS_MAIN(TestGoldenRun)
#include "test_golden_run.moc"
