// Checkpoints and resume, end to end through layerlab-cli (issue 21): a run resumed from any of
// its checkpoints, at any thread count, ends with exactly the bytes of the run never stopped
// (weights and BatchNorm statistics); a resume with changed settings is a fork and says so in the
// model; a damaged checkpoint is refused with its file and key named.
#include "CliTestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = layerlab::tests::CliRun;
using layerlab::tests::cli;

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

const QString kProject = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");

} // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void resumeEndsWhereTheRunWouldHave_data() {
        QTest::addColumn<QStringList>("network");
        // Dropout draws from the generator every batch; BatchNorm keeps statistics as state.
        QTest::newRow("dropout, adam") << QStringList{"--hidden", "16,8", "--dropout", "0.2", "--optimizer", "adam"};
        QTest::newRow("batchnorm graph, momentum")
            << QStringList{"--graph", "h=dense(16,relu)(input); n=batchnorm(h); s=dense(16,relu)(n); r=add(n,s)", "--optimizer", "momentum"};
    }
    void resumeEndsWhereTheRunWouldHave() {
        QFETCH(QStringList, network);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).left(4);
        const QString dir = path(tag + "-ck");
        const QStringList base = QStringList{"train", kProject, "--epochs", "6", "--patience", "3", "--lr", "0.01"} + network;
        const Run whole = cli(base + QStringList{"--threads", "2", "--checkpoint-every", "2", "--checkpoints", dir, "--out",
                                                 path(tag + "-whole.llmodel"), "--json"});
        QVERIFY2(whole.code == 0, qPrintable(whole.err));
        QVERIFY(whole.out.contains(QStringLiteral("\"checkpoint\"")));
        const QJsonObject expected = readJson(path(tag + "-whole.llmodel"));
        QVERIFY(!expected.isEmpty());
        for (const QString& from : {QStringLiteral("epoch-0002.llckpt"), QStringLiteral("epoch-0004.llckpt")}) {
            for (const QString& threads : {QStringLiteral("1"), QStringLiteral("3")}) {
                const QString out = path(tag + "-" + from + "-" + threads + ".llmodel");
                const Run r = cli({"train", "--resume", dir + "/" + from, "--threads", threads, "--out", out});
                QVERIFY2(r.code == 0, qPrintable(r.err));
                QVERIFY(r.out.contains(QStringLiteral("resumed from")));
                const QJsonObject got = readJson(out);
                // The weights' bytes (base64 of the float32s) and their checksum, and the state's.
                QCOMPARE(got["parameters"].toObject()["data"].toString(), expected["parameters"].toObject()["data"].toString());
                QCOMPARE(got["state"].toObject()["data"].toString(), expected["state"].toObject()["data"].toString());
                const QJsonObject lineage = got["provenance"].toObject()["resumed_from"].toObject();
                QCOMPARE(lineage["epoch"].toInt(), from.mid(6, 4).toInt());
                QCOMPARE(lineage["fork"].toBool(), false);
            }
        }
    }

    void aForkIsRecorded() {
        const QString dir = path("fork-ck");
        const Run whole = cli({"train", kProject, "--epochs", "4", "--hidden", "8", "--checkpoint-every", "2", "--checkpoints", dir,
                               "--out", path("fork-whole.llmodel")});
        QVERIFY2(whole.code == 0, qPrintable(whole.err));
        const Run fork = cli({"train", "--resume", dir + "/epoch-0002.llckpt", "--lr", "0.05", "--out", path("fork.llmodel"), "--json"});
        QVERIFY2(fork.code == 0, qPrintable(fork.err));
        const QString last = fork.out.split('\n', Qt::SkipEmptyParts).last();
        const QJsonObject final = QJsonDocument::fromJson(last.toUtf8()).object();
        QVERIFY(final["final"].toBool());
        QCOMPARE(final["forked_from"].toObject()["fork"].toBool(), true);
        QCOMPARE(final["epochs"].toInt(), 4);
        const QJsonObject model = readJson(path("fork.llmodel"));
        QCOMPARE(model["provenance"].toObject()["forked_from"].toObject()["epoch"].toInt(), 2);
        QVERIFY(model["parameters"].toObject()["data"] != readJson(path("fork-whole.llmodel"))["parameters"].toObject()["data"]);
        // More epochs with a constant rate continue the same run: not a fork.
        const Run longer = cli({"train", "--resume", dir + "/epoch-0002.llckpt", "--epochs", "6", "--json"});
        QVERIFY2(longer.code == 0, qPrintable(longer.err));
        QVERIFY(longer.out.contains(QStringLiteral("\"resumed_from\"")));
    }

    void aDamagedCheckpointIsRefused() {
        const QString dir = path("bad-ck");
        QCOMPARE(cli({"train", kProject, "--epochs", "1", "--hidden", "4", "--checkpoint-every", "1", "--checkpoints", dir}).code, 0);
        QFile f(dir + "/epoch-0001.llckpt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        const int at = text.indexOf("\"data\":\"") + 12; // inside the first float block
        text[at] = text[at] == 'A' ? 'B' : 'A';
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        const Run r = cli({"train", "--resume", f.fileName()});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("epoch-0001.llckpt")) && r.err.contains(QStringLiteral("checksum")), qPrintable(r.err));
        // Half the flags: refused before any work.
        QCOMPARE(cli({"train", kProject, "--checkpoint-every", "2"}).code, 2);
        QCOMPARE(cli({"train", kProject, "--resume", f.fileName()}).code, 2);
    }
};

QTEST_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
