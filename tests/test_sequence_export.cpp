// Exports of sequence models, checked like the dense ones (test_export.cpp) against
// `layerlab-cli predict` on the same raw rows:
//   characters: a bidirectional GRU over padded, masked characters feeding an LSTM; rows with an
//               unseen character, surrounding spaces, an empty text and one longer than the
//               model's length (cut, as in LayerLab)
//   window:     an RNN returning every step into a GRU, over 4 rows of numbers and a factor (the
//               target's own past), a missing number and an unseen level among them
// ONNX runs in ONNX Runtime (GRU/LSTM/RNN operators); JSON must read back bit for bit and predict
// identically; the C header declines with one line and no file.
#include "core/Rng.h"
#include "model/ModelFile.h"
#include "model/ModelJson.h"
#include "export/ExportTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstring>

using namespace layerlab;
using namespace layerlab::tests;

class TestSequenceExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        engine::Rng rng(5);
        QString words = "id,word,parity\n";
        for (int i = 0; i < 800; ++i) {
            QString w;
            const int n = 1 + int(rng.below(9));
            for (int k = 0; k < n; ++k) w += QChar('a' + int(rng.below(6)));
            words += QString("%1,%2,%3\n").arg(i).arg(w).arg(n % 2 ? "odd" : "even");
        }
        writeFile(path("words.csv"), words);
        writeFile(path("words-rows.csv"), "id,word,parity\n1,abc,odd\n2,  fed ,odd\n3,,even\n4,aézb,even\n"
                                          "5,abcdefabcdefabcdef,even\n6,f,odd\n");
        QString days = "day,temp,rain,kind\n";
        const char* kinds[] = {"sun", "rain", "fog"};
        for (int i = 0; i < 500; ++i) {
            const float temp = 10.0f + 8.0f * std::sin(float(i) / 20.0f) + rng.normal();
            const int kind = temp > 12.0f ? 0 : rng.uniform() < 0.7f ? 1 : 2;
            days += QString("%1,%2,%3,%4\n").arg(i).arg(temp, 0, 'f', 2).arg(kind == 1 ? rng.uniform(1.0f, 9.0f) : 0.0f, 0, 'f', 2).arg(kinds[kind]);
        }
        writeFile(path("days.csv"), days);
        writeFile(path("days-rows.csv"), "day,temp,rain,kind\n0,12.5,0,sun\n1,11,2.5,rain\n2,,0,fog\n3,9.5,4,rain\n"
                                         "4,14,0,sun\n5,13,0,hail\n6,8,7.5,rain\n7,10,0,fog\n");
        const Run a = cli({"train", "--data", path("words.csv"), "--target", "parity", "--characters", "word", "--recurrent",
                           "gru:6:bi,lstm:5", "--hidden", "4", "--epochs", "4", "--seed", "2", "--out", path("characters.llmodel")});
        QVERIFY2(a.code == 0, qPrintable(a.err));
        const Run b = cli({"train", "--data", path("days.csv"), "--target", "kind", "--inputs", "temp,rain,kind", "--factors",
                           "kind", "--window", "4", "--recurrent", "rnn:5:seq,gru:4", "--hidden", "0", "--epochs", "6",
                           "--seed", "2", "--out", path("window.llmodel")});
        QVERIFY2(b.code == 0, qPrintable(b.err));
    }

    void onnxRuntimeMatchesPredict_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("rows");
        QTest::newRow("characters") << "characters" << "--characters" << 6;
        QTest::newRow("window") << "window" << "--window" << 5; // 8 rows, the first 3 start no window
    }
    void onnxRuntimeMatchesPredict() {
        QFETCH(QString, name);
        QFETCH(QString, mode);
        QFETCH(int, rows);
        const QString modules = QStringLiteral(LAYERLAB_NODE_MODULES);
        QVERIFY2(QFile::exists(modules + "/onnxruntime-node/package.json"), "ONNX Runtime for Node is not installed");
        const QString onnx = path(name + ".onnx"), data = path((name == "window" ? "days" : "words") + QString("-rows.csv"));
        const Run e = cli({"export", path(name + ".llmodel"), "--format", "onnx", "--out", onnx});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const auto model = engine::model::ModelFile::load(path(name + ".llmodel").toStdString());
        QVERIFY(model.network.hasRecurrent());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("NODE_PATH", modules);
        const Run ort = run("node", {LAYERLAB_SOURCE_DIR "/tests/export/run_onnx.js", onnx, data, mode,
                                     QString::number(model.preprocessing.steps())}, env);
        QVERIFY2(ort.code == 0, qPrintable(ort.err));
        const QJsonObject out = QJsonDocument::fromJson(ort.out.toUtf8()).object();
        Predictions got;
        for (const auto& v : out.value("label").toArray()) got.labels << v.toString();
        for (const auto& row : out.value("probabilities").toArray()) {
            QList<double> values;
            for (const auto& v : row.toArray()) values << v.toDouble();
            got.values << values;
        }
        const Run p = cli({"predict", path(name + ".llmodel"), data});
        QVERIFY2(p.code == 0, qPrintable(p.err));
        const Predictions want = fromPredictCsv(p.out, true);
        QCOMPARE(want.values.size(), rows);
        // Not a constant model: the rows must not all get the same probabilities.
        bool varies = false;
        for (const auto& r : want.values) varies = varies || std::abs(r[0] - want.values[0][0]) > 1e-3;
        QVERIFY2(varies, "the test model predicts the same for every row: train it longer");
        const QString diff = compare(got, want, 1e-5);
        QVERIFY2(diff.isEmpty(), qPrintable(name + ": " + diff));
    }

    void jsonRoundTripIsExact_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("characters") << "characters";
        QTest::newRow("window") << "window";
    }
    void jsonRoundTripIsExact() {
        QFETCH(QString, name);
        const QString json = path(name + ".json"), data = path((name == "window" ? "days" : "words") + QString("-rows.csv"));
        QCOMPARE(cli({"export", path(name + ".llmodel"), "--format", "json", "--out", json}).code, 0);
        const auto original = engine::model::ModelFile::load(path(name + ".llmodel").toStdString());
        const auto back = engine::model::ModelFile::load(json.toStdString());
        const QString difference = modelDifference(back, original);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(back.preprocessing.steps(), original.preprocessing.steps());
        QCOMPARE(cli({"predict", json, data}).out, cli({"predict", path(name + ".llmodel"), data}).out);
    }

    void cHeaderDeclines() {
        const QString out = path("seq.h");
        const Run e = cli({"export", path("characters.llmodel"), "--format", "c", "--out", out});
        QCOMPARE(e.code, 5);
        QVERIFY2(e.err.contains("does not carry sequence models"), qPrintable(e.err));
        QCOMPARE(e.err.count('\n'), 1);
        QVERIFY(!QFile::exists(out));
    }

    void evaluateUsesTheNextRowsTarget() {
        // A window sample is its last row; its target is the next row's, so the last row of a
        // file has none and evaluate scores rows - steps samples.
        const Run e = cli({"evaluate", path("window.llmodel"), path("days.csv"), "--json"});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const QJsonObject m = QJsonDocument::fromJson(e.out.toUtf8()).object();
        QCOMPARE(m.value("rows").toInt(), 500 - 4);
        QVERIFY(m.value("accuracy").toDouble() > 0.6);
    }
};

QTEST_GUILESS_MAIN(TestSequenceExport)
#include "test_sequence_export.moc"
