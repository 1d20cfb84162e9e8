// (No raw string literals here: moc mis-reads quotes inside them.)
// Model files: exact round trip, identical predictions after reload, atomic save, and a clear
// refusal (naming the file) of every kind of damage.
#include "core/Error.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/Predictor.h"
#include "project/Project.h"
#include "train/Experiment.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <filesystem>
#include <numeric>

using namespace layerlab::engine;

namespace {
model::Model trainedModel() {
    train::ExperimentConfig c;
    c.dataPath = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.csv";
    c.data.target = "base";
    c.network = nn::NetworkSpec::mlp(0, {8}, nn::Activation::Tanh, 0);
    c.settings.epochs = 2;
    train::Experiment e(c);
    e.train();
    return e.model();
}
} // namespace

class TestModelFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_path;
    std::string m_text;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("m.llmodel").toStdString();
        model::ModelFile::save(m_path, trainedModel());
        m_text = io::readWholeFile(m_path);
    }
    void savedTextIsTheDocument() {
        // save() writes in pieces (issue 18): the bytes must be toJson().dump(1)'s.
        QCOMPARE(QString::fromStdString(m_text), QString::fromStdString(model::ModelFile::toJson(trainedModel()).dump(1)));
    }
    void projectWithARunIsWrittenPieceByPiece() {
        // Project::save streams the kept run's model (issue 18): the bytes must be the tree's.
        project::Project p = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        train::RunRecord run;
        run.model = trainedModel();
        run.outcome = "finished 2 epochs";
        p.run = run;
        QTemporaryDir dir; // its own folder: saveLeavesNoTemporaryFiles counts m_dir's files
        const std::string path = dir.filePath("kept.layerlab").toStdString();
        p.save(path);
        const std::string text = io::readWholeFile(path);
        QCOMPARE(QString::fromStdString(text), QString::fromStdString(p.toJson().dump(2)));
        const project::Project back = project::Project::load(path);
        QVERIFY(back.run && back.run->model.parameters == run.model.parameters);
        QCOMPARE(QString::fromStdString(back.run->outcome), QString("finished 2 epochs"));
    }
    void roundTripIsExact() {
        const model::Model original = trainedModel();
        const model::Model loaded = model::ModelFile::load(m_path);
        QVERIFY(loaded.network == original.network);
        QCOMPARE(loaded.parameters.size(), original.parameters.size());
        QVERIFY(std::memcmp(loaded.parameters.data(), original.parameters.data(), original.parameters.size() * 4) == 0);
        QVERIFY(loaded.preprocessing.toJson() == original.preprocessing.toJson());
        QCOMPARE(loaded.loss, original.loss);
        // Same predictions, bit for bit.
        const auto table = data::CsvReader::readFile(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.csv");
        std::vector<std::size_t> rows(100);
        std::iota(rows.begin(), rows.end(), std::size_t(0));
        const Matrix a = model::Predictor(original).logits(table, rows);
        const Matrix b = model::Predictor(loaded).logits(table, rows);
        QVERIFY(a == b);
    }
    void embeddedFactorsTrainSaveAndPredict() {
        // The NBA shooter as a learned embedding: the run puts an Embedding layer in front, it
        // learns, and the saved model predicts the same bits after loading.
        train::ExperimentConfig c = project::experimentConfig(
            project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/shots-polar.layerlab"));
        c.data.encoding = data::FactorEncoding::Embedding;
        c.settings.epochs = 3;
        c.settings.patience = 0;
        train::Experiment e(c);
        const auto& spec = e.networkSpec();
        QCOMPARE(spec.layers.front().type, nn::LayerType::Embedding);
        QCOMPARE(spec.layers.front().columns.size(), std::size_t(1));
        const auto& shooter = e.preprocessing().encoders().front();
        QCOMPARE(shooter.column(), std::string("shooter"));
        QCOMPARE(spec.layers.front().columns[0].levels, int(shooter.vocabulary().size()) + 1);
        QCOMPARE(spec.shapes().front(), e.preprocessing().inputWidth() - 1 + shooter.embeddingDims());
        const auto before = std::vector<float>(e.network().parameters().begin(), e.network().parameters().begin() + 8);
        const auto result = e.train();
        QVERIFY(result.reason != train::StopReason::NonFinite);
        const auto after = std::vector<float>(e.network().parameters().begin(), e.network().parameters().begin() + 8);
        QVERIFY(before != after); // the embedding table (first in the buffer) learned
        QTemporaryDir dir; // its own folder: another test counts the files in m_dir
        const std::string path = dir.filePath("embedded.llmodel").toStdString();
        model::ModelFile::save(path, e.model());
        const model::Model loaded = model::ModelFile::load(path);
        QVERIFY(loaded.network == spec);
        std::vector<std::size_t> rows(200);
        std::iota(rows.begin(), rows.end(), std::size_t(0));
        QVERIFY(model::Predictor(e.model()).logits(e.table(), rows) == model::Predictor(loaded).logits(e.table(), rows));
        // Open vocabulary: a shooter never seen in training selects the unknown bucket, never fails.
        const std::string unseen = dir.filePath("unseen.csv").toStdString();
        {
            std::ofstream f(unseen);
            f << "shooter,x,y,shot_made_flag\nNobody New,10,20,y\nStephen Curry,10,20,n\n";
        }
        Matrix logits;
        try {
            auto table = data::CsvReader::readFile(unseen);
            loaded.preprocessing.deriveColumns(table); // as `layerlab-cli predict` does
            model::Predictor predictor(loaded);
            logits = predictor.logits(table, std::vector<std::size_t>{0, 1});
        } catch (const std::exception& ex) {
            QFAIL(ex.what());
        }
        QVERIFY(std::isfinite(logits(0, 0)) && std::isfinite(logits(1, 0)));
        QVERIFY(logits(0, 0) != logits(1, 0)); // a known shooter has a vector of its own
    }
    void embeddingSpecIsValidated() {
        nn::NetworkSpec spec = nn::NetworkSpec::mlp(3, {4}, nn::Activation::Relu, 1);
        spec.layers.insert(spec.layers.begin(), nn::LayerSpec::embedding({{1, 5, 2}}));
        QCOMPARE(spec.shapes().front(), 4);
        QVERIFY(nn::NetworkSpec::fromJson(spec.toJson()) == spec);
        auto outside = spec;
        outside.layers.front().columns[0].position = 3;
        QVERIFY_THROWS_EXCEPTION(SpecError, outside.shapes());
        auto late = spec;
        std::swap(late.layers[0], late.layers[1]);
        QVERIFY_THROWS_EXCEPTION(SpecError, late.shapes());
        QVERIFY_THROWS_EXCEPTION(SpecError, nn::NetworkSpec::fromJson(Json::parse(
            R"x({"layers": [{"type": "embedding", "columns": [{"position": 0, "levels": 0, "dims": 2}]}]})x")));
    }
    void saveLeavesNoTemporaryFiles() {
        int files = 0;
        for (const auto& e : std::filesystem::directory_iterator(m_dir.path().toStdString())) {
            ++files;
            QVERIFY2(e.path().string().find(".tmp") == std::string::npos, e.path().c_str());
        }
        QCOMPARE(files, 1);
        QVERIFY_THROWS_EXCEPTION(FileError, model::ModelFile::save("/nonexistent-dir/m.llmodel", trainedModel()));
    }
    void damagedFiles_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<QString>("words");
        QTest::newRow("not a model") << "\"format\": \"layerlab.model\"" << "\"format\": \"other\"" << "layerlab.model";
        QTest::newRow("future version") << "\"version\": \\d+,\\n \"loss\"" << "\"version\": 99,\n \"loss\"" << "newer";
        QTest::newRow("count") << "\"count\": \\d+" << "\"count\": 3" << "parameters.count";
        QTest::newRow("checksum") << "\"checksum\": \"fnv1a64:[0-9a-f]+\"" << "\"checksum\": \"fnv1a64:0000000000000000\"" << "checksum";
        QTest::newRow("bad base64") << "\"data\": \"" << "\"data\": \"!!!!" << "base64";
        QTest::newRow("units") << "\"units\": 8" << "\"units\": 9" << "parameters";
        QTest::newRow("unknown layer") << "\"type\": \"activation\"" << "\"type\": \"magic\"" << "unknown layer type";
        QTest::newRow("unknown loss") << "\"loss\": \"ce\"" << "\"loss\": \"hinge\"" << "unknown loss";
        QTest::newRow("truncated") << "\"provenance\"[\\s\\S]*$" << "" << "";
        QTest::newRow("extra input") << "\"inputs\": \\[" << "\"inputs\": [{\"column\": \"x99\", \"type\": \"numeric\", \"missing\": \"mean\", \"indicator\": false, \"fill\": 0, \"scaling\": \"zscore\", \"offset\": 0, \"scale\": 1}," << "inputs";
    }
    void damagedFiles() {
        QFETCH(QString, pattern);
        QFETCH(QString, replacement);
        QFETCH(QString, words);
        QString text = QString::fromStdString(m_text);
        const QString damaged = QString(text).replace(QRegularExpression(pattern), replacement);
        QVERIFY2(damaged != text, "the pattern did not match: the test would prove nothing");
        const std::string path = m_dir.filePath("damaged.llmodel").toStdString();
        io::writeFileAtomically(path, damaged.toStdString());
        try {
            model::ModelFile::load(path);
            QFAIL("a damaged model file was accepted");
        } catch (const FileError& e) {
            QCOMPARE(e.file(), path);
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_model_file.moc"
