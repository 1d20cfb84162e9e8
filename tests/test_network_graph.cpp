// Networks as graphs (issue 20): the --graph language, shape inference and its sentences, the
// spec's JSON (chains unchanged, version 1), the embedding a run puts in front, and a model with
// BatchNorm statistics saved and loaded bit for bit, from the engine and through the CLI.
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/ModelJson.h"
#include "model/Predictor.h"
#include "data/CsvReader.h"
#include "nn/GraphText.h"
#include "nn/Network.h"
#include "project/Project.h"
#include "train/Experiment.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <filesystem>
#include <numeric>

using namespace layerlab::engine;

namespace {

QString specError(const std::function<void()>& f) {
    try {
        f();
    } catch (const SpecError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const char* kNoisy = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.csv";

model::Model trained(const std::string& graph) {
    train::ExperimentConfig c;
    c.dataPath = kNoisy;
    c.data.target = "base";
    c.network = nn::parseGraph(graph);
    c.settings.epochs = 2;
    train::Experiment e(c);
    e.train();
    return e.model();
}

} // namespace

class TestNetworkGraph : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void theIssuesExampleParses() {
        nn::NetworkSpec s = nn::parseGraph("h1=dense(64,relu)(input); h2=dense(64,relu)(h1); s=add(h1,h2); n=layernorm(s)");
        // dense+relu, dense+relu, add, layernorm, then the output dense.
        QCOMPARE(s.layers.size(), std::size_t(7));
        QCOMPARE(s.layers[4].type, nn::LayerType::Add);
        QCOMPARE(s.layers[4].from, (std::vector<int>{2, 4})); // h1 and h2 are their relus
        QCOMPARE(QString::fromStdString(s.layers[5].name), QString("n"));
        QCOMPARE(s.layers.back().units, 0); // sized from the target, as with --hidden
        s.bind(10, 3);
        QCOMPARE(s.shapes(), (std::vector<int>{64, 64, 64, 64, 64, 64, 3}));
        QVERIFY(!s.isChain());
        // A chain written as a graph is a chain, statements without inputs read the one before.
        QVERIFY(nn::parseGraph("a=dense(8,tanh); b=dropout(0.1); c=dense(4)").isChain());
    }
    void errorsNameTheStatementAndTheCharacter_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown input") << "h1=dense(8)(input); h2=dense(8)(h9)" << "statement 2 (\"h2=dense(8)(h9)\"), character 33: unknown input \"h9\"";
        QTest::newRow("unknown op") << "h=dens(8)" << "character 3: unknown operation \"dens\"";
        QTest::newRow("units") << "h=dense(x)" << "character 9: \"x\" is not a number of units";
        QTest::newRow("activation") << "h=dense(8,relux)" << "character 11: unknown activation \"relux\"";
        QTest::newRow("twice") << "h=dense(8); h=dense(4)" << "statement 2 (\"h=dense(4)\"), character 13: \"h\" is already defined";
        QTest::newRow("one merge input") << "h=dense(8); s=add(h)" << "add joins two or more inputs";
        QTest::newRow("dense of two") << "a=dense(8); b=dense(8); c=dense(4)(a,b)" << "dense reads one input; join several with add or concat";
        QTest::newRow("rate") << "d=dropout(1.5)" << "not a dropout rate in [0, 1)";
        QTest::newRow("trailing") << "h=dense(8) x" << "character 12: unexpected text";
        QTest::newRow("empty") << " ; " << "the graph is empty";
        QTest::newRow("no equals") << "dense(8)" << "expected '=' after the name";
    }
    void errorsNameTheStatementAndTheCharacter() {
        QFETCH(QString, text);
        QFETCH(QString, words);
        const QString e = specError([&] { nn::parseGraph(text.toStdString()); });
        QVERIFY2(e.contains(words), qPrintable(e));
    }
    void shapeInferenceSaysHowToFix() {
        nn::NetworkSpec s = nn::parseGraph("a=dense(64,relu)(input); b=dense(32,relu)(input); s=add(a,b)");
        s.bind(5, 2);
        const QString e = specError([&] { s.shapes(); });
        QVERIFY2(e.contains("needs equal widths: 64 and 32") && e.contains("set both to 64, or use concat"), qPrintable(e));
        nn::NetworkSpec c = nn::parseGraph("a=dense(64,relu)(input); b=dense(32,relu)(input); s=concat(a,b,input)");
        c.bind(5, 2);
        QCOMPARE(c.shapes()[4], 64 + 32 + 5);
        // A layer whose output goes nowhere is a broken design, said with its name.
        nn::NetworkSpec dangling = nn::parseGraph("a=dense(8)(input); b=dense(8)(input); c=dense(4)(a)");
        dangling.bind(5, 2);
        const QString d = specError([&] { dangling.shapes(); });
        QVERIFY2(d.contains("\"b\" (dense) feeds nothing"), qPrintable(d));
        // Normalization reads plain rows.
        nn::NetworkSpec seq = nn::parseGraph("r=gru(8,seq)(input); n=layernorm(r)");
        seq.bind(12, 2, 4);
        QVERIFY(specError([&] { seq.shapes(); }).contains("normalizes plain rows"));
    }
    void everyProblemIsFoundAndTheRestKeepTheirShapes() {
        // The canvas asks for every problem at once: a dangling layer (its shape still known), a
        // bad add (unknown, and so is what reads it), and the good branch keeps its shapes.
        nn::NetworkSpec s = nn::parseGraph("a=dense(8)(input); lost=dense(3)(input); b=dense(6)(input); s=add(a,b); t=dense(4)(s); u=concat(a,t)");
        s.bind(5, 2);
        std::vector<nn::LayerError> problems;
        const auto shapes = s.sequenceShapes(&problems);
        QCOMPARE(problems.size(), std::size_t(2));
        QCOMPARE(problems[0].layer(), std::size_t(1)); // lost feeds nothing
        QVERIFY(QString(problems[0].what()).contains("feeds nothing"));
        QCOMPARE(problems[1].layer(), std::size_t(3)); // the add of 8 and 6
        QVERIFY(QString(problems[1].what()).contains("needs equal widths: 8 and 6"));
        QCOMPARE(shapes.size(), s.layers.size());
        QCOMPARE(shapes[0].width, 8);
        QCOMPARE(shapes[1].width, 3); // dangling, but its shape is known
        QCOMPARE(shapes[2].width, 6);
        QCOMPARE(shapes[3].width, 0); // the bad add: unknown
        QCOMPARE(shapes[4].width, 0); // reads it: unknown, no problem of its own
        QCOMPARE(shapes[5].width, 0);
        // Without a list the first problem throws, as before.
        QVERIFY(specError([&] { s.sequenceShapes(); }).contains("feeds nothing"));
    }

    void embeddingPositionsStayWithinWhatItReads() {
        // Found by the model-loader fuzzer: positions were checked against the width the layer
        // was building (it grows by each column's dims), so position 6 of 4 inputs passed and the
        // layer read past its input.
        nn::NetworkSpec s;
        s.inputs = 4;
        s.layers = {nn::LayerSpec::embedding({{0, 6, 4}, {6, 4, 3}}), nn::LayerSpec::dense(2)};
        QVERIFY(specError([&] { s.shapes(); }).contains("positions must increase and lie within the 4 inputs"));
        s.layers[0].columns[1].position = 3;
        QCOMPARE(s.shapes().front(), 4 + 3 + 2);
    }
    void jsonKeepsTheGraphAndChainsStayVersionOne() {
        const nn::NetworkSpec g = nn::parseGraph("a=dense(8,relu); b=dense(8,relu)(a); s=add(a,b); n=batchnorm(s)");
        const Json j = g.toJson();
        QCOMPARE(j.at("version").asInt("version", 0, 9), std::int64_t(2));
        QVERIFY(nn::NetworkSpec::fromJson(Json::parse(j.dump(1), "g")) == g);
        const nn::NetworkSpec chain = nn::NetworkSpec::mlp(4, {8}, nn::Activation::Relu, 2);
        QCOMPARE(chain.toJson().at("version").asInt("version", 0, 9), std::int64_t(1));
        QVERIFY(chain.toJson().find("layers")->asArray()[0].find("from") == nullptr);
        // A reference to a later layer is a cycle, refused with the layer named.
        nn::NetworkSpec loop = g;
        loop.layers[0].from = {loop.layers[3].id};
        loop.bind(4, 2);
        QVERIFY(specError([&] { loop.shapes(); }).contains("not listed before it"));
    }
    void prependRedirectsWhatReadTheInput() {
        nn::NetworkSpec g = nn::parseGraph("a=dense(8)(input); b=dense(8)(input); c=concat(a,b)");
        g.prepend(nn::LayerSpec::embedding({{0, 3, 2}}));
        const int e = g.layers[0].id;
        QVERIFY(e > 0);
        QCOMPARE(g.layers[1].from, std::vector<int>{e});
        QCOMPARE(g.layers[2].from, std::vector<int>{e});
    }
    void batchNormStatisticsAreSavedWithTheModel() {
        const model::Model m = trained("h=dense(16,relu)(input); n=batchnorm(h); g=dense(16,tanh)(n); s=add(n,g)");
        QCOMPARE(m.state.size(), std::size_t(32)); // running mean and variance of 16 columns
        QVERIFY(m.state[0] != 0.0f && m.state[16] != 1.0f); // moved from their start by training
        const std::string path = m_dir.filePath("bn.llmodel").toStdString();
        model::ModelFile::save(path, m);
        const model::Model back = model::ModelFile::load(path);
        QVERIFY(back.state == m.state && back.parameters == m.parameters);
        const auto table = data::CsvReader::readFile(kNoisy);
        std::vector<std::size_t> rows(200);
        std::iota(rows.begin(), rows.end(), std::size_t(0));
        QVERIFY(model::Predictor(m).logits(table, rows) == model::Predictor(back).logits(table, rows));
        // Inference uses the statistics: other ones give other outputs.
        model::Model other = m;
        other.state.assign(other.state.size(), 0.5f);
        QVERIFY(!(model::Predictor(other).logits(table, rows) == model::Predictor(m).logits(table, rows)));
        // The readable JSON export carries them too.
        const model::Model viaJson = model::ModelJson::fromJson(Json::parse(model::ModelJson::toJson(m).dump(1), "j"), "j");
        QVERIFY(viaJson.state == m.state);
        // A file whose statistics are damaged or missing is refused by name.
        std::string text = io::readWholeFile(path);
        const auto at = text.find("\"state\"");
        QVERIFY(at != std::string::npos);
        std::string missing = text;
        missing.replace(at, 7, "\"stat_\"");
        try {
            model::ModelFile::parse(missing, "missing.llmodel");
            QFAIL("a batchnorm model without its statistics loaded");
        } catch (const FileError& err) {
            QVERIFY2(QString(err.what()).contains("\"state\" is missing"), err.what());
        }
    }
    void wideAndDeepBindsItsColumnGroups() {
        // The shooter through an embedding, distance and angle through a dense branch (the
        // wide-and-deep sample): the groups bind to the encoded row's positions.
        train::ExperimentConfig c;
        c.dataPath = LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/gsw-2016-shots.csv";
        c.data.target = "shot_made_flag";
        c.data.inputs = {"shooter", "distance", "angle"};
        c.data.derived = {{"distance", "sqrt(x^2 + y^2)"}, {"angle", "atan2(x, y)"}};
        c.data.optionsFor("shooter").type = data::ColumnType::Factor;
        c.data.encoding = data::FactorEncoding::Embedding;
        c.settings.epochs = 2;
        c.network = nn::parseGraph("e=embedding(3)(input[shooter]); d=dense(8,relu)(input[angle,distance]); j=concat(e,d); h=dense(8,relu)(j)");
        train::Experiment e(c);
        const nn::NetworkSpec& s = e.networkSpec();
        QCOMPARE(s.layers[0].positions, std::vector<int>{0});
        QCOMPARE(s.layers[2].positions, (std::vector<int>{1, 2})); // the row's order, whatever order they were named in
        QCOMPARE(s.layers[1].columns.size(), std::size_t(1));
        QCOMPARE(s.layers[1].columns[0].levels, 6); // five shooters and the unknown bucket
        QCOMPARE(s.shapes()[5], 3 + 8);
        QVERIFY(e.train().steps > 0);
        // A level index read as a number, a column that is not an input, an embedding of numbers.
        const auto refused = [&](const char* graph) {
            c.network = nn::parseGraph(graph);
            return specError([&] { train::Experiment bad(c); });
        };
        QVERIFY(refused("d=dense(8)(input[shooter,angle])").contains("reads \"shooter\" as a number, but it holds a factor's level indices"));
        QVERIFY(refused("d=dense(8)(input[nope])").contains("\"nope\" is not an input column (inputs: shooter, distance, angle)"));
        QVERIFY(refused("e=embedding(3)(input[angle])").contains("reads no factor encoded as level indices"));
        // Without groups or embeddings of its own, a graph gets the run's embedding in front.
        c.network = nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(input); s=add(a,b)");
        train::Experiment front(c);
        QCOMPARE(front.networkSpec().layers.front().type, nn::LayerType::Embedding);
    }
    void chainFilesOpenAsTheyAre_data() {
        QTest::addColumn<QString>("file");
        for (const char* folder : {"/fuzz/corpus-model", "/fuzz/corpus-project"})
            for (const auto& entry : std::filesystem::directory_iterator(std::string(LAYERLAB_SOURCE_DIR) + folder))
                // Graph seeds and checkpoints for the fuzzer are not chain-version files.
                if (entry.path().filename().string().rfind("graph-", 0) != 0 && entry.path().extension() != ".llckpt")
                    QTest::newRow(entry.path().filename().string().c_str()) << QString::fromStdString(entry.path().string());
    }
    void chainFilesOpenAsTheyAre() {
        // Files written by the chain-only LayerLab (the fuzz corpora as they were) read as the
        // same chains, and write their network back unchanged (version 1, no edges).
        QFETCH(QString, file);
        const std::string path = file.toStdString();
        const Json text = Json::parse(io::readWholeFile(path), path);
        const bool model = file.contains("corpus-model");
        const nn::NetworkSpec spec = model ? model::ModelFile::load(path).network : project::Project::load(path).network;
        QVERIFY(spec.isChain());
        const Json& written = text.at("network");
        // The same layers, in the file's order and kinds (read as written, not re-derived).
        const auto& listed = written.at("layers").asArray("layers");
        QCOMPARE(spec.layers.size(), listed.size());
        for (std::size_t i = 0; i < listed.size(); ++i)
            QCOMPARE(QString::fromStdString(std::string(nn::layerTypeName(spec.layers[i].type))),
                     QString::fromStdString(listed[i].at("type").asString("type")));
        QCOMPARE(spec.toJson().at("version").asInt("version", 0, 9), std::int64_t(1));
    }
    void graphSeedsOfTheFuzzerLoad() {
        // The model fuzzer starts from these too, so it explores merges, norms and column groups.
        for (const char* name : {"graph-merges.llmodel", "graph-wide-deep.llmodel"}) {
            const model::Model m = model::ModelFile::load(std::string(LAYERLAB_SOURCE_DIR "/fuzz/corpus-model/") + name);
            QVERIFY2(!m.network.isChain(), name);
        }
    }
    void theCliTrainsAGraph() {
        const QString out = m_dir.filePath("g.llmodel");
        QProcess p;
        p.start(LAYERLAB_CLI, {"train", "--data", kNoisy, "--target", "base", "--epochs", "3", "--out", out, "--graph",
                               "h1=dense(16,relu)(input); h2=dense(16,relu)(h1); s=add(h1,h2); n=layernorm(s)"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const model::Model m = model::ModelFile::load(out.toStdString());
        QCOMPARE(m.network.layers.size(), std::size_t(7));
        QVERIFY(!m.network.isChain());
        // A graph error is a usage error naming the statement; so is --graph beside --hidden.
        p.start(LAYERLAB_CLI, {"train", "--data", kNoisy, "--target", "base", "--graph", "h=dense(8)(nope)"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("--graph: statement 1"));
        p.start(LAYERLAB_CLI, {"train", "--data", kNoisy, "--target", "base", "--graph", "h=dense(8)", "--hidden", "4"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        // `check` marks a graph's layer whose shapes cannot work, as the canvas does (exit 3).
        {
            project::Project broken = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
            broken.data.path = broken.resolvedDataPath();
            broken.network = nn::parseGraph("a=dense(16)(input); b=dense(8)(input); s=add(a,b)");
            const std::string file = m_dir.filePath("broken.layerlab").toStdString();
            broken.save(file);
            p.start(LAYERLAB_CLI, {"check", QString::fromStdString(file), "--json"});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 3);
            const QString said = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY2(said.contains("\"layer\":" + QString::number(broken.network.layers[2].id)) && said.contains("needs equal widths: 16 and 8"),
                     qPrintable(said));
        }
        // The exporters walk the graph (test_export runs them against predict).
        p.start(LAYERLAB_CLI, {"export", out, "--format", "onnx", "--out", m_dir.filePath("g.onnx")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_APPLESS_MAIN(TestNetworkGraph)
#include "test_network_graph.moc"
