// layerlab-cli end to end, as a script would use it: JSON lines, exit codes, one-line errors.
#include "CliTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = layerlab::tests::CliRun;
using layerlab::tests::cli;

const QString kSamples = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/");
const QString kO1 = kSamples + "o1-alternating/alternating.csv";

QList<QJsonObject> jsonLines(const QString& out) {
    QList<QJsonObject> lines;
    for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
        QJsonParseError e;
        const auto doc = QJsonDocument::fromJson(line.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) return {};
        lines << doc.object();
    }
    return lines;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text) {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }

private Q_SLOTS:
    // Issue 19: iris's numeric `target` beside `species` is a copy of the answer.
    void inspectMarksLeaksAndTrainLeavesThemOut() {
        const QString iris = QStringLiteral(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");
        const Run i = cli({"data", "inspect", iris, "--target", "species", "--json"});
        QVERIFY2(i.code == 0, qPrintable(i.err));
        const auto doc = jsonLines(i.out);
        QCOMPARE(doc.size(), 1);
        int leaks = 0;
        for (const auto& v : doc[0]["columns"].toArray()) {
            const QJsonObject c = v.toObject();
            if (c["name"].toString() == "target") {
                QVERIFY(c["leak"].toBool());
                QVERIFY2(c["leak_reason"].toString().contains("species"), qPrintable(c["leak_reason"].toString()));
                QCOMPARE(c["role"].toString(), QString("ignore"));
            }
            leaks += c["leak"].toBool();
        }
        QCOMPARE(leaks, 1);
        const Run t = cli({"train", "--data", iris, "--target", "species", "--epochs", "2"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        QCOMPARE(t.out.count("left out target: possible target leak"), 1);
        QVERIFY2(!t.out.contains("inputs sepal length (cm), sepal width (cm), petal length (cm), petal width (cm), target"), qPrintable(t.out));
        // Named in --inputs it is used, with a warning.
        const Run kept = cli({"train", "--data", iris, "--target", "species", "--inputs", "target,petal width (cm)", "--epochs", "2"});
        QVERIFY2(kept.code == 0, qPrintable(kept.err));
        QVERIFY2(kept.out.contains("warning: input target kept"), qPrintable(kept.out));
        QVERIFY(kept.out.contains("inputs target (factor, 3 levels + unknown), petal width (cm)"));
        // Row identifiers are flagged without a target too.
        QByteArray ids = "id,x,y\n";
        for (int r = 0; r < 50; ++r) ids += QByteArray::number(r + 1) + "," + QByteArray::number((r * 37) % 11) + "," + QByteArray::number(r % 3) + "\n";
        const Run plain = cli({"data", "inspect", write("ids.csv", ids), "--json"});
        const auto columns = jsonLines(plain.out)[0]["columns"].toArray();
        QVERIFY(columns[0].toObject()["identifies_rows"].toBool());
        QVERIFY(!columns[1].toObject().contains("identifies_rows"));
    }
    // Issue 19: the final object says, per held-out set, which figures beat the do-nothing model.
    void finalJsonCarriesBetterThanBaseline() {
        const Run t = cli({"train", "--data", kO1, "--target", "label", "--epochs", "10", "--json"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const QJsonObject final = jsonLines(t.out).last();
        for (const char* set : {"validation", "test"}) {
            const QJsonObject b = final[set].toObject()["better_than_baseline"].toObject();
            QVERIFY2(b.contains("loss") && b.contains("accuracy") && b.contains("auc"), set); // two classes: auc too
            QVERIFY(!b.contains("rmse"));
            QVERIFY(final[set].toObject().contains("baseline_loss"));
        }
        const QString iris = QStringLiteral(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");
        const Run three = cli({"train", "--data", iris, "--target", "species", "--epochs", "1", "--json"});
        const QJsonObject b3 = jsonLines(three.out).last()["test"].toObject()["better_than_baseline"].toObject();
        QVERIFY(b3.contains("loss") && b3.contains("accuracy") && !b3.contains("auc")); // three classes
        QByteArray reg = "x,y\n";
        for (int r = 0; r < 200; ++r) reg += QByteArray::number(r % 17) + "," + QByteArray::number((r % 17) * 0.5 + (r % 5) * 0.3) + "\n";
        const Run rt = cli({"train", "--data", write("r.csv", reg), "--target", "y", "--epochs", "3", "--json"});
        QVERIFY2(rt.code == 0, qPrintable(rt.err));
        const QJsonObject br = jsonLines(rt.out).last()["validation"].toObject()["better_than_baseline"].toObject();
        QVERIFY(br.contains("loss") && br.contains("rmse") && !br.contains("accuracy") && !br.contains("auc"));
    }
    // Issue 19: `check PROJECT` prints the design problems the canvas marks, from the same rules.
    void checkPrintsTheCanvasDesignProblems() {
        const Run ok = cli({"check", kSamples + "o2-noisy-bases/noisy-bases.layerlab"});
        QVERIFY2(ok.code == 0, qPrintable(ok.err + ok.out));
        QVERIFY(ok.out.contains("design ready to train"));
        QFile f(kSamples + "o2-noisy-bases/noisy-bases.layerlab");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject p = QJsonDocument::fromJson(f.readAll()).object();
        QJsonObject net = p["network"].toObject();
        QJsonArray layers = net["layers"].toArray();
        layers.append(QJsonObject{{"type", "activation"}, {"function", "softmax"}});
        net["layers"] = layers;
        p["network"] = net;
        QJsonObject data = p["data"].toObject();
        data["path"] = kSamples + "o2-noisy-bases/noisy-bases.csv";
        p["data"] = data;
        const QString bad = write("softmax.layerlab", QJsonDocument(p).toJson());
        const Run c = cli({"check", bad, "--json"});
        QCOMPARE(c.code, 3);
        const auto j = jsonLines(c.out);
        QCOMPARE(j.size(), 1);
        QCOMPARE(j[0]["errors"].toInt(), 1);
        const QJsonObject problem = j[0]["problems"].toArray()[0].toObject();
        QCOMPARE(problem["severity"].toString(), QString("error"));
        QVERIFY2(problem["message"].toString().contains("Remove the softmax"), qPrintable(problem["message"].toString()));
        QCOMPARE(problem["layer"].toInt(), 3); // the output Dense, where the canvas marks it
        const Run t = cli({"train", bad, "--epochs", "1"});
        QCOMPARE(t.code, 3); // a run refuses the same error
        QVERIFY(t.err.contains("Remove the softmax"));

        // Issue 19, point 6: which formats the design exports to, before training, as on the canvas.
        QByteArray days = "day,x,label\n";
        for (int i = 0; i < 60; ++i)
            days += QStringLiteral("2021-%1-%2,%3,%4\n").arg(1 + i % 12, 2, 10, QLatin1Char('0')).arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                        .arg(i * 0.37).arg(i % 3 ? "a" : "b").toUtf8();
        QJsonObject dp = p;
        QJsonObject dd = data;
        dd["path"] = write("days.csv", days);
        dd["target"] = "label";
        dp["data"] = dd;
        QFile again(kSamples + "o2-noisy-bases/noisy-bases.layerlab");
        QVERIFY(again.open(QIODevice::ReadOnly));
        dp["network"] = QJsonDocument::fromJson(again.readAll()).object()["network"];
        const Run e = cli({"check", write("days.layerlab", QJsonDocument(dp).toJson()), "--json"});
        QVERIFY2(e.code == 0, qPrintable(e.err + e.out));
        QStringList messages;
        for (const auto v : jsonLines(e.out)[0]["problems"].toArray()) messages << v.toObject()["message"].toString();
        QVERIFY2(messages.filter(QStringLiteral("Export: ONNX export cannot read dates: column \"day\"")).size() == 1, qPrintable(messages.join('|')));
        QVERIFY(messages.filter(QStringLiteral("Export: C header")).size() == 1);
        QCOMPARE(jsonLines(e.out)[0]["warnings"].toInt(), 2);
    }
    void everyCommandAnswersHelp() {
        for (const char* c : {"train", "evaluate", "predict", "data", "export", "check"}) {
            const Run h = cli({c, "--help"});
            QCOMPARE(h.code, 0);
            QVERIFY2(h.out.contains("usage: layerlab-cli") && h.out.contains("check PROJECT"), c);
        }
        QCOMPARE(cli({"nosuch", "--help"}).code, 2); // an unknown command stays a usage error
    }
    void dataShowOnAnEmptyFileIsAnError() {
        const Run s = cli({"data", "show", write("empty.csv", "")});
        QCOMPARE(s.code, 3);
        QVERIFY2(s.err.contains("empty.csv") && s.err.contains("empty"), qPrintable(s.err));
        const Run png = cli({"data", "show", write("shot.csv", QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16))});
        QCOMPARE(png.code, 3);
        QVERIFY2(png.err.contains("PNG image"), qPrintable(png.err));
    }
    void trainJsonThenEvaluateAndPredict() {
        const QString model = m_dir.filePath("o1.llmodel");
        const Run t = cli({"train", "--data", kO1, "--target", "label", "--hidden", "8", "--activation", "tanh",
                           "--epochs", "15", "--lr", "0.05", "--seed", "2", "--threads", "2", "--out", model, "--json"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const auto lines = jsonLines(t.out);
        QCOMPARE(lines.size(), 16);
        for (int i = 0; i < 15; ++i) {
            for (const char* key : {"epoch", "train_loss", "val_loss", "val_accuracy", "val_metric", "samples_per_s"})
                QVERIFY2(lines[i].contains(key), key);
            QCOMPARE(lines[i]["epoch"].toInt(), i + 1);
            QCOMPARE(lines[i]["metric"].toString(), QString("accuracy"));
        }
        const QJsonObject final = lines.last();
        QVERIFY(final["final"].toBool());
        QCOMPARE(final["test"].toObject()["accuracy"].toDouble(), 1.0);
        QVERIFY(final["validation"].toObject().contains("auc"));
        QFile saved(model);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        // The tile limit the weights depend on is recorded (8 unless LAYERLAB_TILES said otherwise).
        QCOMPARE(QJsonDocument::fromJson(saved.readAll()).object()["provenance"].toObject()["tiles"].toInt(),
                 qEnvironmentVariableIsSet("LAYERLAB_TILES") ? qEnvironmentVariableIntValue("LAYERLAB_TILES") : 8);

        const Run e = cli({"evaluate", model, kO1, "--json"});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const auto metrics = jsonLines(e.out);
        QCOMPARE(metrics.size(), 1);
        QCOMPARE(metrics[0]["accuracy"].toDouble(), 1.0);
        QCOMPARE(metrics[0]["rows"].toInt(), 200);
        for (const char* key : {"loss", "auc", "baseline_accuracy"}) QVERIFY2(metrics[0].contains(key), key);

        const QString predictions = m_dir.filePath("pred.csv");
        const Run p = cli({"predict", model, kO1, "--out", predictions});
        QVERIFY2(p.code == 0, qPrintable(p.err));
        QFile f(predictions);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 201);
        QCOMPARE(rows[0], QString("predicted,p_0,p_1"));
        QVERIFY(rows[1].startsWith("0,")); // first data row is [1,0] -> label 0
    }
    void sameModelForAnyThreadCount() {
        // The model file written with 1 thread and with 2 threads is the same, byte for byte.
        // 256-wide layers at batch 128 make the products big enough to be split into tiles.
        QByteArray models[2];
        for (const int threads : {1, 2}) {
            const QString out = m_dir.filePath(QString("t%1.llmodel").arg(threads));
            const Run t = cli({"train", "--data", kSamples + "o2-noisy-bases/noisy-bases.csv", "--target", "base", "--hidden",
                               "256,256", "--batch", "128", "--epochs", "1", "--threads", QString::number(threads), "--out", out});
            QVERIFY2(t.code == 0, qPrintable(t.err));
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            models[threads - 1] = f.readAll();
        }
        QVERIFY(models[0].size() > 1000);
        QVERIFY(models[0] == models[1]);
    }
    void projectWithOverride() {
        const Run t = cli({"train", kSamples + "o1-alternating/alternating.layerlab", "--epochs", "3"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        QCOMPARE(t.out.count(QRegularExpression("^epoch \\d+/3 ", QRegularExpression::MultilineOption)), 3);
        QVERIFY(t.out.contains("test:"));
        // The project moved without its CSV: the error says the path came from the project.
        QFile project(kSamples + "o1-alternating/alternating.layerlab");
        QVERIFY(project.open(QIODevice::ReadOnly));
        const QString moved = write("moved.layerlab", project.readAll());
        const Run lost = cli({"train", moved, "--epochs", "1"});
        QCOMPARE(lost.code, 3);
        QVERIFY2(lost.err.contains("moved.layerlab: its data file") && lost.err.contains("alternating.csv does not exist"),
                 qPrintable(lost.err));
        const Run found = cli({"train", moved, "--epochs", "1", "--data", kO1});
        QVERIFY2(found.code == 0, qPrintable(found.err));
    }
    void regression() {
        const QString data = write("reg.csv", "x,y\n" + [] {
            QByteArray rows;
            for (int i = 0; i < 200; ++i) rows += QByteArray::number(i / 100.0) + "," + QByteArray::number(3 * i / 100.0 + 1) + "\n";
            return rows;
        }());
        const Run t = cli({"train", "--data", data, "--target", "y", "--loss", "mse", "--hidden", "0", "--epochs", "200",
                           "--lr", "0.05", "--json"});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const auto final = jsonLines(t.out).last();
        QVERIFY(final["test"].toObject()["r2"].toDouble() > 0.99);
        QVERIFY(jsonLines(t.out).first().contains("val_rmse"));
        // Without --loss the target decides: numbers are regression (mse), labels are classes (ce).
        const Run plain = cli({"train", "--data", data, "--target", "y", "--hidden", "0", "--epochs", "2", "--json"});
        QVERIFY2(plain.code == 0, qPrintable(plain.err));
        QVERIFY(jsonLines(plain.out).last()["test"].toObject().contains("rmse"));
        QCOMPARE(jsonLines(plain.out).first()["metric"].toString(), QString("rmse"));
        const Run text = cli({"train", "--data", data, "--target", "y", "--hidden", "0", "--epochs", "1"});
        QVERIFY2(text.out.contains("loss mse"), qPrintable(text.out));
        const Run blind = cli({"train", "--data", data, "--target", "y", "--epochs", "1", "--patience", "2", "--validation", "0"});
        QVERIFY2(blind.out.contains("early stopping is off"), qPrintable(blind.out));
        const Run labels = cli({"train", "--data", kO1, "--target", "label", "--epochs", "1", "--json"});
        QVERIFY2(labels.code == 0, qPrintable(labels.err));
        QVERIFY(jsonLines(labels.out).last()["test"].toObject().contains("accuracy"));
    }
    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown flag") << QStringList{"train", "--data", kO1, "--target", "label", "--lrr", "1"} << 2 << "unknown flag --lrr (did you mean --lr?)";
        QTest::newRow("bad number") << QStringList{"train", "--data", kO1, "--target", "label", "--lr", "fast"} << 2 << "--lr";
        QTest::newRow("bad loss") << QStringList{"train", "--data", kO1, "--target", "label", "--loss", "hinge"} << 2 << "--loss";
        QTest::newRow("no target") << QStringList{"train", "--data", kO1} << 2 << "--target";
        QTest::newRow("unknown command") << QStringList{"fit"} << 2 << "unknown command";
        QTest::newRow("missing column") << QStringList{"train", "--data", kO1, "--target", "labl"} << 3 << "no column named \"labl\"";
        QTest::newRow("missing file") << QStringList{"train", "--data", "/nope.csv", "--target", "y"} << 3 << "/nope.csv";
        QTest::newRow("input listed twice") << QStringList{"train", "--data", kO1, "--target", "label", "--inputs", "x,x"} << 3 << "\"x\" is listed twice";
        QTest::newRow("range as written") << QStringList{"train", "--data", kO1, "--target", "label", "--lr", "-1"} << 2 << "out of range [1e-12, 1e+06]";
        QTest::newRow("five classes for bce") << QStringList{"train", "--data", kSamples + "weather-planning/seattle-weather.csv", "--target", "weather", "--loss", "bce"} << 3 << "binary cross-entropy";
        QTest::newRow("fractional target for ce") << QStringList{"train", "--data", kSamples + "o2-noisy-bases/noisy-bases.csv", "--target", "x1", "--loss", "ce"} << 3 << "noisy-bases.csv:2:1: target \"x1\" holds fractional numbers (1.3826)";
        QTest::newRow("nan") << QStringList{"train", "--data", kO1, "--target", "label", "--lr", "1e6", "--optimizer", "sgd", "--loss", "mse", "--epochs", "50"} << 4 << "step";
        QTest::newRow("evaluate needs two files") << QStringList{"evaluate", kO1} << 2 << "MODEL and DATA.csv";
    }
    void errors() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, words);
        const Run r = cli(args);
        QVERIFY2(r.code == code, qPrintable(QString("exit %1, stderr: %2 stdout: %3").arg(r.code).arg(r.err, r.out.right(300))));
        QVERIFY2((r.err + r.out).contains(words), qPrintable(r.err + r.out.right(300)));
        if (code != 4) QCOMPARE(r.err.count('\n'), 1); // one clear line
    }
    void nonNumericCellNamesLineAndColumn() {
        const QString data = write("bad.csv", "a,b,y\n1,2,0\n3,oops,1\n5,6,0\n7,8,1\n9,10,0\n");
        const Run r = cli({"train", "--data", data, "--target", "y", "--inputs", "a,b", "--validation", "0", "--test", "0"});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("bad.csv:3:2") && r.err.contains("oops"), qPrintable(r.err));
    }
    void damagedModel() {
        const QString model = write("broken.llmodel", "{\"format\": \"layerlab.model\", \"version\": 1");
        const Run r = cli({"predict", model, kO1});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("broken.llmodel:1:"), qPrintable(r.err));
    }
    void dataShowKeepsCellsExactly() {
        const QString data = write("show.csv", "a,b\n0.15000000000000036,\"x, \"\"y\"\"\"\n-0,\"two\nlines\"\n3,z\n");
        const Run r = cli({"data", "show", data, "--rows", "2", "--json"});
        QCOMPARE(r.code, 0);
        const auto rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject()["a"].toString(), QString("0.15000000000000036"));
        QCOMPARE(rows[0].toObject()["b"].toString(), QString("x, \"y\""));
        QCOMPARE(rows[1].toObject()["a"].toString(), QString("-0"));
        QCOMPARE(rows[1].toObject()["b"].toString(), QString("two\nlines"));
    }
    void dataInspectReportsTypesAndStats() {
        const Run r = cli({"data", "inspect", kSamples + "o4-nba-shots/gsw-2016-shots.csv", "--json"});
        QCOMPARE(r.code, 0);
        const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j["rows"].toInt(), 4334);
        QHash<QString, QJsonObject> cols;
        for (const auto& c : j["columns"].toArray()) cols[c.toObject()["name"].toString()] = c.toObject();
        QCOMPARE(cols["shooter"]["type"].toString(), QString("factor"));
        QCOMPARE(cols["shooter"]["distinct"].toInt(), 5);
        QCOMPARE(cols["shot_made_flag"]["type"].toString(), QString("boolean"));
        QCOMPARE(cols["game_date"]["type"].toString(), QString("date"));
        QCOMPARE(cols["x"]["type"].toString(), QString("numeric"));
        QCOMPARE(cols["x"]["min"].toDouble(), -248.0);
        QCOMPARE(cols["x"]["missing"].toInt(), 0);
    }
    void mixedFactorsDerivedColumnsAndUnseenLevels() {
        QByteArray train = "who,x,y,hit\n";
        for (int i = 0; i < 200; ++i)
            train += QByteArray(i % 3 == 0 ? "ann" : i % 3 == 1 ? "bob" : "cy") + "," + QByteArray::number(i % 7) + "," +
                     QByteArray::number(i % 5) + "," + (((i % 7) + (i % 5)) > 5 ? "yes" : "no") + "\n";
        const QString data = write("mixed.csv", train);
        const QString model = m_dir.filePath("mixed.llmodel");
        const Run t = cli({"train", "--data", data, "--target", "hit", "--derive", "s=x+y", "--inputs", "who,s", "--factors", "who",
                           "--loss", "bce", "--epochs", "30", "--out", model, "--json"});
        QCOMPARE(t.code, 0);
        const QString later = write("later.csv", "who,x,y\nann,6,5\nzed,0,0\n,3,3\n");
        const Run p = cli({"predict", model, later});
        QVERIFY2(p.code == 0, qPrintable(p.err));
        const QStringList lines = p.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // header + one row per input row, the unseen "zed" included
        QCOMPARE(lines[0], QString("predicted,p_no,p_yes"));
        QVERIFY(lines[1].startsWith("yes,"));
        QVERIFY(lines[2].startsWith("no,"));
    }
    void formulaErrorPointsAtThePosition() {
        const Run r = cli({"train", "--data", kO1, "--target", "label", "--derive", "r=sqrt(a^2+bb^2)"});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("at character 10") && r.err.contains("bb"), qPrintable(r.err));
    }
    void gzippedCsv() {
        const Run r = cli({"data", "show", LAYERLAB_SOURCE_DIR "/tests/fixtures/csv/gzipped.csv.gz", "--rows", "1", "--json"});
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array()[0].toObject()["b"].toString(), QString("0"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
