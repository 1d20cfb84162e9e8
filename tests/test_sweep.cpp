// layerlab-cli sweep (issue 21): a grid of train flags run K at a time, one JSON line per trial and
// a final line with the best; every trial, re-run alone with `train` and the flags it printed,
// gives the same model bit for bit; random draws are seeded; a bad value fails its trial only.
#include "CliTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

using Run = layerlab::tests::CliRun;
using layerlab::tests::cli;

QList<QJsonObject> lines(const QString& out) {
    QList<QJsonObject> result;
    for (const QString& l : out.split('\n', Qt::SkipEmptyParts)) result << QJsonDocument::fromJson(l.toUtf8()).object();
    return result;
}

QString weights(const QString& model) {
    QFile f(model);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object()["parameters"].toObject()["data"].toString();
}

const QString kProject = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void everyTrialIsTheLoneRunItPrints() {
        const QString dir = m_dir.filePath("grid");
        const Run r = cli({"sweep", kProject, "--epochs", "3", "--dropout", "0.1", "--grid", "lr=0.01,0.1", "--grid", "hidden=8;4,4",
                           "--parallel", "2", "--out", dir, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto all = lines(r.out);
        QCOMPARE(all.size(), 5); // four trials, then the final line
        QVERIFY(all.last()["final"].toBool());
        QCOMPARE(all.last()["trials"].toInt(), 4);
        QSet<QString> seen;
        double bestLoss = INFINITY;
        int bestTrial = 0;
        for (int i = 0; i < 4; ++i) {
            const QJsonObject t = all[i];
            QVERIFY2(!t.contains("error"), qPrintable(t["error"].toString()));
            const QJsonObject s = t["settings"].toObject();
            seen << s["lr"].toString() + "/" + s["hidden"].toString();
            const double loss = t["validation"].toObject()["loss"].toDouble();
            if (loss < bestLoss || (loss == bestLoss && t["trial"].toInt() < bestTrial)) bestLoss = loss, bestTrial = t["trial"].toInt();
            // The same run alone, at another thread count: the same bytes.
            QStringList args{"train"};
            for (const auto& a : t["args"].toArray()) args << a.toString();
            const QString lone = m_dir.filePath(QStringLiteral("lone-%1.llmodel").arg(t["trial"].toInt()));
            const Run alone = cli(args + QStringList{"--threads", "2", "--out", lone});
            QVERIFY2(alone.code == 0, qPrintable(alone.err));
            QVERIFY(!weights(lone).isEmpty());
            QCOMPARE(weights(lone), weights(t["model"].toString()));
        }
        QCOMPARE(seen, (QSet<QString>{"0.01/8", "0.01/4,4", "0.1/8", "0.1/4,4"}));
        QCOMPARE(all.last()["best"].toObject()["trial"].toInt(), bestTrial);
    }

    void randomDrawsAreSeeded() {
        const auto settings = [&](const QString& seed, const QString& name) {
            const Run r = cli({"sweep", kProject, "--epochs", "1", "--hidden", "4", "--random", "3", "--range", "lr=0.001:0.1:log",
                               "--range", "batch=8:64", "--grid", "optimizer=sgd,adam", "--sweep-seed", seed, "--out", m_dir.filePath(name), "--json"});
            QStringList out;
            for (const auto& l : lines(r.out))
                if (!l["final"].toBool()) out << QJsonDocument(l["settings"].toObject()).toJson(QJsonDocument::Compact);
            out.sort(); // finishing order is not fixed with one trial at a time either way
            return out;
        };
        const QStringList a = settings("7", "r1"), b = settings("7", "r2"), c = settings("8", "r3");
        QCOMPARE(a.size(), 3);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        for (const QString& s : a) {
            const QJsonObject o = QJsonDocument::fromJson(s.toUtf8()).object();
            const double lr = o["lr"].toString().toDouble();
            QVERIFY(lr >= 0.001 && lr <= 0.1);
            bool whole = false;
            const int batch = o["batch"].toString().toInt(&whole);
            QVERIFY(whole && batch >= 8 && batch <= 64);
        }
    }

    void aBadValueFailsItsTrialOnly() {
        const Run r = cli({"sweep", kProject, "--epochs", "1", "--hidden", "4", "--grid", "activation=relu,bogus", "--out", m_dir.filePath("bad"), "--json"});
        QCOMPARE(r.code, 0);
        const auto all = lines(r.out);
        QCOMPARE(all.size(), 3);
        int failed = 0;
        for (int i = 0; i < 2; ++i)
            if (all[i].contains("error")) {
                ++failed;
                QVERIFY2(all[i]["error"].toString().contains("bogus"), qPrintable(all[i]["error"].toString()));
            }
        QCOMPARE(failed, 1);
        QCOMPARE(all.last()["failed"].toInt(), 1);
        // Plans that cannot run are refused before any trial, exit 2.
        QCOMPARE(cli({"sweep", kProject, "--grid", "nonsense=1,2", "--out", m_dir.filePath("x")}).code, 2);
        QCOMPARE(cli({"sweep", kProject, "--grid", "lr=0.1,0.2", "--grid", "batch=8,16", "--max-trials", "3", "--out", m_dir.filePath("x")}).code, 2);
        QCOMPARE(cli({"sweep", kProject, "--grid", "lr=0.1"}).code, 2); // no --out
        QCOMPARE(cli({"sweep", kProject, "--lr", "abc", "--grid", "batch=8", "--out", m_dir.filePath("x")}).code, 2);
    }
};

QTEST_MAIN(TestSweep)
#include "test_sweep.moc"
