// What the Judge and Map views compute: the ROC curve, per-class precision/recall/F1 beside the
// majority-class baseline, regression baselines, the worst rows in order, and decision maps that
// recompute derived inputs from raw axes exactly as a real row would be.
#include "core/Error.h"
#include "model/DecisionMap.h"
#include "model/Probe.h"
#include "train/Experiment.h"
#include "train/Judgement.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace layerlab::engine;

class TestJudgement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rocCurveStepsThroughTheScores() {
        const std::vector<float> scores{0.9f, 0.8f, 0.7f, 0.1f};
        const std::vector<int> positive{1, 0, 1, 0};
        const auto roc = train::rocCurve(scores, positive);
        QCOMPARE(roc.size(), std::size_t(5));
        const float expected[5][2] = {{0, 0}, {0, 0.5f}, {0.5f, 0.5f}, {0.5f, 1}, {1, 1}};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(roc[std::size_t(i)].falsePositiveRate, expected[i][0]);
            QCOMPARE(roc[std::size_t(i)].truePositiveRate, expected[i][1]);
        }
        // Ties make one diagonal step.
        const auto tied = train::rocCurve(std::vector<float>{0.5f, 0.5f}, std::vector<int>{1, 0});
        QCOMPARE(tied.size(), std::size_t(2));
        QCOMPARE(tied[1].falsePositiveRate, 1.0f);
    }

    void binaryScoresBesideTheBaseline() {
        // Logits for 6 rows: truth 1,1,1,1,0,0; predictions 1,1,0,1,1,0.
        Matrix logits(6, 1), y(6, 1);
        logits << 2, 1, -1, 3, 0.5f, -2;
        y << 1, 1, 1, 1, 0, 0;
        const auto j = train::Judgement::compute(train::LossKind::BinaryCrossEntropy, ConstMatrixMap(logits.data(), 6, 1),
                                                 ConstMatrixMap(y.data(), 6, 1), 2);
        QCOMPARE(j.classes.size(), std::size_t(2));
        QCOMPARE(j.classes[1].precision, 3.0 / 4.0);
        QCOMPARE(j.classes[1].recall, 3.0 / 4.0);
        QCOMPARE(j.classes[0].recall, 0.5);
        QCOMPARE(j.classes[1].baselineF1, 2 * (4.0 / 6.0) / (4.0 / 6.0 + 1)); // always "1"
        QCOMPARE(j.classes[0].baselineF1, 0.0);
        QCOMPARE(j.classes[1].baselinePrecision, 4.0 / 6.0);
        QCOMPARE(j.classes[1].baselineRecall, 1.0);
        QCOMPARE(j.classes[0].baselineRecall, 0.0);
        QCOMPARE(j.metrics.accuracy, 4.0 / 6.0);
        QCOMPARE(j.metrics.baselineAccuracy, 4.0 / 6.0);
        QVERIFY(!j.beatsBaseline); // equal is not better
        // The worst rows: the confidently wrong ones first.
        QCOMPARE(j.worst.front(), std::size_t(2)); // truth 1, logit -1
        QCOMPARE(j.worst[1], std::size_t(4));      // truth 0, logit 0.5
        for (std::size_t i = 1; i < j.worstLoss.size(); ++i) QVERIFY(j.worstLoss[i - 1] >= j.worstLoss[i]);
        QCOMPARE(j.worstPredicted.front(), 0);
        QCOMPARE(j.roc.front().truePositiveRate, 0.0f);
        QCOMPARE(j.roc.back().truePositiveRate, 1.0f);
    }

    // Issue 19, point 9: three classes get one ROC curve per class against the rest.
    void threeClassesGetOneVsRestCurves() {
        // Rows 0-1 class 0, 2-3 class 1, 4-5 class 2. Class 0 is ranked perfectly; row 4 (class 2)
        // looks like class 1, so both class 1 and class 2 rank one pair of eight wrongly: AUC 7/8.
        Matrix logits(6, 3), y(6, 1);
        logits << 3, 0, 0, //
            2, 0, 0,       //
            0, 2, 0,       //
            0, 1, 0.5f,    //
            0, 5, 4,       //
            0, 0, 2;
        y << 0, 0, 1, 1, 2, 2;
        const auto j = train::Judgement::compute(train::LossKind::SoftmaxCrossEntropy, ConstMatrixMap(logits.data(), 6, 3),
                                                 ConstMatrixMap(y.data(), 6, 1), 3);
        QVERIFY(j.roc.empty());
        QCOMPARE(j.rocOneVsRest.size(), std::size_t(3));
        QCOMPARE(j.aucOneVsRest.size(), std::size_t(3));
        QCOMPARE(j.aucOneVsRest[0], 1.0);
        QCOMPARE(j.aucOneVsRest[1], 7.0 / 8.0);
        QCOMPARE(j.aucOneVsRest[2], 7.0 / 8.0);
        for (const auto& curve : j.rocOneVsRest) {
            QCOMPARE(curve.front().falsePositiveRate, 0.0f);
            QCOMPARE(curve.back().falsePositiveRate, 1.0f);
            QCOMPARE(curve.back().truePositiveRate, 1.0f);
        }
        // The perfectly ranked class reaches a true positive rate of 1 before any false positive.
        QVERIFY(std::any_of(j.rocOneVsRest[0].begin(), j.rocOneVsRest[0].end(),
                            [](const auto& p) { return p.truePositiveRate == 1.0f && p.falsePositiveRate == 0.0f; }));
    }

    void regressionAgainstTheMean() {
        Matrix out(4, 1), y(4, 1);
        out << 1, 2, 3, 4;
        y << 1, 2, 3, 6;
        const auto j = train::Judgement::compute(train::LossKind::Mse, ConstMatrixMap(out.data(), 4, 1), ConstMatrixMap(y.data(), 4, 1), 0);
        QCOMPARE(j.baselineMae, (2.0 + 1.0 + 0.0 + 3.0) / 4.0); // mean 3
        QCOMPARE(j.baselineRmse, std::sqrt((4.0 + 1.0 + 0.0 + 9.0) / 4.0));
        QCOMPARE(j.metrics.rmse, 1.0);
        QVERIFY(j.beatsBaseline);
        QCOMPARE(j.worst.front(), std::size_t(3));
        QCOMPARE(j.actual.size(), std::size_t(4));
    }

    void decisionMapRecomputesDerivedInputsFromRawAxes() {
        try {
            decisionMap();
        } catch (const std::exception& ex) {
            QFAIL(ex.what());
        }
    }

private:
    void decisionMap() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("xy.csv").toStdString();
        {
            std::ofstream f(path);
            f << "x,y,other,label\n";
            for (int i = 0; i < 60; ++i) f << (i % 11) - 5 << ',' << (i % 7) - 3 << ',' << i * 0.25 << ',' << (i % 2 ? "a" : "b") << '\n';
        }
        train::ExperimentConfig c;
        c.dataPath = path;
        c.data.target = "label";
        c.data.inputs = {"dist", "other"};
        c.data.derived = {{"dist", "sqrt(x^2 + y^2)"}};
        c.network = nn::NetworkSpec::mlp(0, {4}, nn::Activation::Tanh, 0);
        c.settings.loss = train::LossKind::BinaryCrossEntropy;
        c.settings.epochs = 2;
        train::Experiment e(c);
        e.train();
        const auto params = std::vector<float>(e.network().parameters().begin(), e.network().parameters().end());
        model::MapAxes axes;
        axes.x = "x";
        axes.y = "y";
        axes.xMin = -5, axes.xMax = 5, axes.yMin = -3, axes.yMax = 3;
        axes.resolution = 5;
        axes.referenceRow = 7;
        model::Probe probe(e.networkSpec());
        const auto map = model::DecisionMap::compute(e.table(), c.data.derived, e.preprocessing(), probe, params, axes);
        QCOMPARE(map.layers.size(), e.networkSpec().layers.size());
        QCOMPARE(map.layers.back().rows(), Eigen::Index(25));
        // Cell (ix 4, iy 1) is x = 5, y = -1.5, so dist = sqrt(27.25); "other" from row 7 (1.75).
        Matrix features(1, 2);
        const auto& encoders = e.preprocessing().encoders();
        QCOMPARE(encoders[0].column(), std::string("dist"));
        features(0, 0) = (std::sqrt(25.0f + 2.25f) - encoders[0].offset()) * encoders[0].scale();
        features(0, 1) = (1.75f - encoders[1].offset()) * encoders[1].scale();
        const Matrix expected = probe.run(params, features).back();
        QCOMPARE(map.layers.back()(1 * 5 + 4, 0), expected(0, 0));
        // A derived axis is set directly: mapping dist itself ignores x and y.
        axes.x = "dist";
        axes.xMin = 0, axes.xMax = 8;
        const auto direct = model::DecisionMap::compute(e.table(), c.data.derived, e.preprocessing(), probe, params, axes);
        QCOMPARE(direct.layers.back()(0, 0), direct.layers.back()(4 * 5, 0)); // same dist, y varies: no effect
        QVERIFY(direct.layers.back()(0, 0) != direct.layers.back()(4, 0));
        axes.x = "nope";
        QVERIFY_THROWS_EXCEPTION(SpecError, model::DecisionMap::compute(e.table(), c.data.derived, e.preprocessing(), probe, params, axes));
    }
};

QTEST_GUILESS_MAIN(TestJudgement)
#include "test_judgement.moc"
