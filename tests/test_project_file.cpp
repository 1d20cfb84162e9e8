// Project files: the samples load, a save/load round trip keeps everything, the data path stays
// valid when the project moves, and bad projects are refused naming the key.
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "project/Project.h"
#include "train/Experiment.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace layerlab::engine;

class TestProjectFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samplesLoad_data() {
        QTest::addColumn<QString>("file");
        // Every sample the Welcome page offers, found on disk: a new sample is covered by itself.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(LAYERLAB_SOURCE_DIR "/samples"))
            if (entry.path().extension() == ".layerlab")
                QTest::newRow(entry.path().filename().string().c_str()) << QString::fromStdString(entry.path().string());
    }
    void samplesLoad() {
        // Loads, and means what it says: its data resolves, the network binds to it and trains
        // one step, and a save/load round trip changes nothing.
        QFETCH(QString, file);
        auto p = project::Project::load(file.toStdString());
        QVERIFY(!p.name.empty());
        QVERIFY(std::filesystem::exists(p.resolvedDataPath()));
        QVERIFY(!p.network.layers.empty());
        auto config = project::experimentConfig(p);
        config.settings.epochs = 1;
        train::Experiment experiment(config);
        QVERIFY(experiment.trainSet().size() > 0);
        QVERIFY(experiment.network().parameterCount() > 0);
        QCOMPARE(experiment.preprocessing().target(), p.data.target);
        if (!p.data.inputs.empty()) QCOMPARE(experiment.preprocessing().inputs(), p.data.inputs);
        const auto result = experiment.train();
        QVERIFY(result.steps > 0);
        QVERIFY(result.reason != train::StopReason::NonFinite);
        QTemporaryDir dir;
        const std::string copy = dir.filePath("copy.layerlab").toStdString();
        p.save(copy);
        const auto back = project::Project::load(copy);
        QVERIFY(back.network == p.network);
        QVERIFY(back.training == p.training);
        QCOMPARE(back.name, p.name);
        QCOMPARE(back.data.target, p.data.target);
    }
    void sampleFieldsAreRead() {
        const auto p = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o1-alternating/alternating.layerlab");
        QCOMPARE(p.name, std::string("O1 alternating pattern"));
        QCOMPARE(p.data.target, std::string("label"));
        QCOMPARE(p.data.inputs, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(p.data.validation, 0.2);
        QCOMPARE(p.network.layers.size(), std::size_t(3));
        QCOMPARE(p.network.layers[0].units, 4);
        QCOMPARE(p.network.layers[1].activation, nn::Activation::Tanh);
        QCOMPARE(p.training.optimizer.kind, train::OptimizerKind::Adam);
        QCOMPARE(p.training.optimizer.learningRate, 0.05f);
        QCOMPARE(p.training.batchSize, 16);
        QCOMPARE(p.training.epochs, 30);
        QCOMPARE(p.training.seed, std::uint64_t(1));
    }
    void roundTripAndMove() {
        auto p = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        p.training.optimizer.learningRate = 0.125f;
        p.data.inputs = {"x1", "x2"};
        const std::string data = std::filesystem::canonical(p.resolvedDataPath()).string();
        QTemporaryDir dir;
        const std::string moved = dir.filePath("sub/moved.layerlab").toStdString();
        std::filesystem::create_directories(dir.filePath("sub").toStdString());
        p.save(moved);
        const auto back = project::Project::load(moved);
        QCOMPARE(std::filesystem::canonical(back.resolvedDataPath()).string(), data);
        QVERIFY(back.network == p.network);
        QVERIFY(back.training == p.training);
        QCOMPARE(back.data.inputs, p.data.inputs);
        QCOMPARE(back.name, p.name);
    }
    void finalSoftmaxWithCrossEntropyIsRefused() {
        auto p = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o1-alternating/alternating.layerlab");
        p.network.layers.push_back(nn::LayerSpec::act(nn::Activation::Softmax));
        try {
            train::Experiment e(project::experimentConfig(p));
            QFAIL("a final softmax before cross-entropy was accepted");
        } catch (const SpecError& e) {
            QVERIFY2(QString(e.what()).contains("remove the final activation layer"), e.what());
        }
        p.network.layers.back() = nn::LayerSpec::act(nn::Activation::Tanh); // any other ending is fine
        train::Experiment ok(project::experimentConfig(p));
        QCOMPARE(ok.network().outputs(), 2);
    }
    void badProjects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        const QString ok = R"({"format":"layerlab.project","version":1,"data":{"path":"d.csv","target":"y"},"network":{"layers":[]},"training":%1})";
        QTest::newRow("optimizer") << ok.arg(R"({"optimizer":"lbfgs"})") << "training.optimizer";
        QTest::newRow("batch") << ok.arg(R"({"batch":0})") << "training.batch";
        QTest::newRow("lr type") << ok.arg(R"({"lr":"high"})") << "training.lr";
        QTest::newRow("no format") << R"({"version":1})" << "layerlab.project";
        QTest::newRow("malformed") << R"({"format":)" << "1:11";
        QTest::newRow("fractions") << QString(ok).replace(R"("target":"y")", R"("target":"y","validation":0.6,"test":0.5)").arg("{}") << "sum to less than 1";
    }
    void badProjects() {
        QFETCH(QString, text);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.layerlab").toStdString();
        io::writeFileAtomically(path, text.toStdString());
        try {
            project::Project::load(path);
            QFAIL("a bad project was accepted");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestProjectFile)
#include "test_project_file.moc"
