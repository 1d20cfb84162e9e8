// The engine's rules behind what the workbench shows (issue 19): the input screen (target leaks,
// row identifiers), the verdict against a model that learned nothing (every figure weighed, the
// baseline loss through the loss itself) and the overfitting diagnosis. The GUI and the CLI only
// display these.
#include "core/Error.h"
#include "data/CsvReader.h"
#include "train/Experiment.h"
#include "train/InputScreen.h"
#include "train/Metrics.h"
#include "train/RunDiagnosis.h"
#include "train/TrainingRows.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace layerlab::engine;

namespace {

data::Schema screened(const data::Table& t, const std::string& target, std::vector<std::string> inputs = {}) {
    data::DataSpec spec;
    spec.target = target;
    spec.inputs = std::move(inputs);
    data::Schema s = data::Schema::resolve(t, spec);
    const auto rows = train::trainingRows(t, s, spec, train::targetKindFor(train::defaultLoss(s.column(s.target()).type)), 1);
    train::InputScreen::apply(s, t, spec, rows.split.train);
    return s;
}

const data::ColumnInfo& info(const data::Schema& s, const std::string& name) {
    for (const auto& c : s.columns())
        if (c.name == name) return c;
    throw std::runtime_error("no column " + name);
}

bool isInput(const data::Schema& s, const std::string& name) {
    for (const std::size_t i : s.inputs())
        if (s.column(i).name == name) return true;
    return false;
}

// 300 rows: an honest noisy feature, a copy of the target under other names, a monotone transform,
// a row id, a unique name, and a perfect single-column separator.
std::string mixed(bool regression) {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::string csv = "id,name,honest,relabel,scaled,separator,y\n";
    for (int i = 0; i < 300; ++i) {
        const double x = noise(rng);
        const double y = regression ? 2.0 * x + noise(rng) : double((x + noise(rng)) > 0);
        const char* cls = y > 0.5 ? "yes" : "no";
        csv += std::to_string(1000 + i) + ",n" + std::to_string(i * 7919 % 100003) + "," + std::to_string(x) + "," +
               (regression ? "k" + std::to_string(i % 3) : std::string(y > 0.5 ? "A" : "B")) + "," +
               std::to_string(3.0 * y + 1.0) + "," + std::to_string(y > 0.5 ? 10.0 + x * 1e-3 : -10.0 + x * 1e-3) + "," +
               (regression ? std::to_string(y) : std::string(cls)) + "\n";
    }
    return csv;
}

} // namespace

class TestTrustRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void irisTargetColumnIsALeakAndLeftOut() {
        const auto t = data::CsvReader::readFile(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");
        const data::Schema s = screened(t, "species");
        QVERIFY2(!info(s, "target").leak.empty(), "iris's numeric target column is a relabelling of species");
        QVERIFY(!isInput(s, "target"));
        QVERIFY(info(s, "target").screenedOut);
        QVERIFY(QString::fromStdString(info(s, "target").why).contains("leak"));
        for (const char* honest : {"sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"}) {
            QVERIFY2(info(s, honest).leak.empty(), honest);
            QVERIFY(isInput(s, honest));
        }
        // Listed deliberately: flagged, but kept.
        const data::Schema kept = screened(t, "species", {"target", "petal width (cm)"});
        QVERIFY(!info(kept, "target").leak.empty());
        QVERIFY(isInput(kept, "target"));
    }

    // One rule for the kind of target the rows are screened for (the Data tab, `check`, `data
    // inspect`): a class loss decides, as the run reads it; the GUI read a numeric 0/1/2 target
    // under ce as a regression, so its split and screen were not the run's.
    void screeningFollowsTheLossLikeTheRun() {
        using data::ColumnType;
        using data::TargetKind;
        QCOMPARE(train::screeningKind(ColumnType::Numeric, train::LossKind::SoftmaxCrossEntropy), TargetKind::Classes);
        QCOMPARE(train::screeningKind(ColumnType::Numeric, train::LossKind::BinaryCrossEntropy), TargetKind::Binary);
        QCOMPARE(train::screeningKind(ColumnType::Numeric, train::LossKind::Mse), TargetKind::Regression);
        QCOMPARE(train::screeningKind(ColumnType::Factor, train::LossKind::Mse), TargetKind::Classes); // the check's suggestion
        for (const auto loss : {train::LossKind::SoftmaxCrossEntropy, train::LossKind::BinaryCrossEntropy})
            QCOMPARE(train::screeningKind(ColumnType::Factor, loss), train::targetKindFor(loss));
    }

    void classTargetLeaksIdsAndHonestInputs() {
        const auto t = data::CsvReader::readText(mixed(false), "mixed.csv");
        const data::Schema s = screened(t, "y");
        QVERIFY2(!info(s, "relabel").leak.empty(), "A/B for yes/no is the target under another name");
        QVERIFY2(!info(s, "scaled").leak.empty(), "a numeric code of the target");
        QVERIFY2(!info(s, "separator").leak.empty(), "one threshold on it classifies every row");
        QVERIFY(QString::fromStdString(info(s, "separator").leak).contains("AUC"));
        QVERIFY2(!info(s, "id").identifiesRows.empty(), "1000..1299, one per row");
        QVERIFY2(!info(s, "name").identifiesRows.empty(), "a different name on every row");
        QVERIFY(info(s, "honest").leak.empty() && info(s, "honest").identifiesRows.empty());
        QCOMPARE(s.inputs().size(), std::size_t(1));
        QVERIFY(isInput(s, "honest"));
    }

    void regressionTargetTransformsAreLeaks() {
        const auto t = data::CsvReader::readText(mixed(true), "mixed.csv");
        const data::Schema s = screened(t, "y");
        QVERIFY2(!info(s, "scaled").leak.empty(), "3y+1 is a monotone transform of y");
        QVERIFY(QString::fromStdString(info(s, "scaled").leak).contains("rank correlation"));
        QVERIFY2(info(s, "honest").leak.empty(), "a correlated feature (about 0.9) is not a leak");
        QVERIFY2(info(s, "relabel").leak.empty(), "i mod 3 says nothing of y");
        QVERIFY(isInput(s, "honest") && isInput(s, "relabel") && !isInput(s, "scaled"));
    }

    void measurementsThatDoNotRepeatAreNotIds() {
        std::string csv = "price,weight,y\n";
        for (int i = 0; i < 100; ++i) csv += std::to_string(1000 + i * 97) + "," + std::to_string(50.0 + i * 0.37) + "," + std::to_string(i % 3) + "\n";
        const auto t = data::CsvReader::readText(csv, "m.csv");
        const data::Schema s = screened(t, "y");
        QVERIFY2(info(s, "price").identifiesRows.empty(), "whole numbers spread far wider than the rows are amounts");
        QVERIFY2(info(s, "weight").identifiesRows.empty(), "fractional values are measurements");
    }

    void everyInputALeakKeepsThemFlagged() {
        // O1: b is the label. Leaving both out would leave nothing to train on.
        const auto t = data::CsvReader::readFile(LAYERLAB_SOURCE_DIR "/samples/o1-alternating/alternating.csv");
        const data::Schema s = screened(t, "label");
        QVERIFY(!info(s, "b").leak.empty());
        QCOMPARE(s.inputs().size(), std::size_t(2));
    }

    void experimentLeavesTheLeakOut() {
        train::ExperimentConfig c;
        c.dataPath = LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv";
        c.data.target = "species";
        c.settings.epochs = 1;
        c.network = nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, 0);
        train::Experiment e(c);
        for (const auto& name : e.preprocessing().inputs()) QVERIFY2(name != "target", "the leak reached the network");
        QCOMPARE(e.preprocessing().inputs().size(), std::size_t(4));
    }

    void baselineLossIsTheLossOfThePrior() {
        // Truth 0,0,0,1: the do-nothing model predicts (0.75, 0.25); its cross-entropy is the
        // entropy of that prior.
        Matrix logits(4, 2), y(4, 1);
        logits << 5, -5, 5, -5, 5, -5, -5, 5;
        y << 0, 0, 0, 1;
        const auto m = train::computeMetrics(train::LossKind::SoftmaxCrossEntropy, ConstMatrixMap(logits.data(), 4, 2),
                                             ConstMatrixMap(y.data(), 4, 1), 2);
        const double prior = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
        QVERIFY2(std::abs(m.baselineLoss - prior) < 1e-5, qPrintable(QString::number(m.baselineLoss)));
        const auto better = m.compareWithBaseline();
        QVERIFY(better.all());
        const Json j = m.toJson();
        QVERIFY(j.at("better_than_baseline").at("loss").asBool("loss"));
        QVERIFY(j.at("better_than_baseline").at("accuracy").asBool("accuracy"));
        QVERIFY(j.at("better_than_baseline").at("auc").asBool("auc"));
    }

    // The O4 case: accuracy above the majority, loss above the do-nothing model's. Not "better".
    void higherLossIsNotBetterWhateverTheAccuracy() {
        // Truth 1,1,1,0,0 (majority 0.6). Predictions right on 4 of 5 rows, but the wrong one is
        // confidently wrong: accuracy 0.8, loss far above the prior's.
        Matrix logits(5, 2), y(5, 1);
        logits << -1, 1, -1, 1, -1, 1, 1, -1, -20, 20;
        y << 1, 1, 1, 0, 0;
        const auto m = train::computeMetrics(train::LossKind::SoftmaxCrossEntropy, ConstMatrixMap(logits.data(), 5, 2),
                                             ConstMatrixMap(y.data(), 5, 1), 2);
        QVERIFY(m.accuracy > m.baselineAccuracy);
        QVERIFY(m.loss > m.baselineLoss);
        const auto better = m.compareWithBaseline();
        QVERIFY(!better.all());
        QVERIFY(!better.loss && better.headline);
        QCOMPARE(better.worse(true), (std::vector<std::string>{"loss", "auc"})); // AUC exactly 0.5: no better either
        QVERIFY(!m.toJson().at("better_than_baseline").at("loss").asBool("loss"));
    }

    void regressionVerdictWeighsLossAndRmse() {
        Matrix out(4, 1), y(4, 1);
        out << 1, 2, 3, 4;
        y << 1.1f, 2.1f, 2.9f, 4.2f;
        const auto m = train::computeMetrics(train::LossKind::Mse, ConstMatrixMap(out.data(), 4, 1), ConstMatrixMap(y.data(), 4, 1), 0);
        QVERIFY(m.compareWithBaseline().all());
        const Json b = m.toJson().at("better_than_baseline");
        QVERIFY(b.at("rmse").asBool("rmse"));
        QVERIFY(!b.find("auc") && !b.find("accuracy"));
        // A constant at the mean is the baseline itself: not better.
        Matrix flat(4, 1);
        flat.setConstant(float(y.mean()));
        const auto same = train::computeMetrics(train::LossKind::Mse, ConstMatrixMap(flat.data(), 4, 1), ConstMatrixMap(y.data(), 4, 1), 0);
        QVERIFY(!same.compareWithBaseline().all());
    }

    void overfittingIsNamedWhenValidationRisesAndTrainingFalls() {
        std::vector<train::EpochReport> e(6);
        const double train[] = {0.70, 0.60, 0.50, 0.40, 0.30, 0.20}, val[] = {0.70, 0.65, 0.66, 0.69, 0.72, 0.74};
        for (int i = 0; i < 6; ++i) e[std::size_t(i)] = {i + 1, 0, train[i], val[i], 0.0, 0.0, 0.0f, false};
        const std::string why = train::overfitting(e);
        QVERIFY2(QString::fromStdString(why).contains("overfitting"), why.c_str());
        QVERIFY(QString::fromStdString(why).contains("epoch 2"));
        QVERIFY(QString::fromStdString(why).contains("early stopping"));
        // Both falling: nothing to say. Best epoch only one epoch ago: too early to say.
        for (int i = 0; i < 6; ++i) e[std::size_t(i)].valLoss = 0.8 - 0.1 * i;
        QVERIFY(train::overfitting(e).empty());
        for (int i = 0; i < 6; ++i) e[std::size_t(i)].valLoss = i < 5 ? 0.8 - 0.1 * i : 0.5;
        QVERIFY(train::overfitting(e).empty());
    }
};

QTEST_GUILESS_MAIN(TestTrustRules)
#include "test_trust_rules.moc"
