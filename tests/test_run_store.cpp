// RunStore (issue 21): the runs a project keeps, beside it. Fifty runs (forks and a sweep among
// them) round-trip through the folder exactly; deleting runs says how much it frees and frees it;
// ids are never reused; a damaged index is refused with the file and key named.
#include "core/Error.h"
#include "project/RunStore.h"
#include "train/Experiment.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace layerlab::engine;

class TestRunStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    train::RunRecord m_record;
    project::Project m_settings;

private Q_SLOTS:
    void initTestCase() {
        m_settings = project::Project::load(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        auto config = project::experimentConfig(m_settings);
        config.settings.epochs = 2;
        train::Experiment e(config);
        struct Keep final : train::TrainerObserver {
            std::vector<train::EpochReport> epochs;
            void onEpoch(const train::EpochReport& r) override { epochs.push_back(r); }
        } keep;
        e.train(&keep);
        m_record.model = e.model();
        m_record.history.epochs = keep.epochs;
        m_record.outcome = "finished 2 epochs";
    }

    void fiftyRunsRoundTrip() {
        QCOMPARE(QString::fromStdString(project::RunStore::folderFor("/a/b/shots.layerlab")), QStringLiteral("/a/b/shots.runs"));
        const std::string folder = m_dir.filePath("fifty.runs").toStdString();
        std::vector<project::RunEntry> added;
        {
            project::RunStore store(folder);
            QVERIFY(store.entries().empty());
            for (int i = 1; i <= 50; ++i) {
                project::RunEntry e;
                e.name = "trial " + std::to_string(i);
                e.settings = m_settings;
                e.settings.training.optimizer.learningRate = 0.001f * float(i);
                if (i % 5 == 0) e.parent = i - 1, e.parentEpoch = 1; // a fork of the run before it
                if (i > 40) e.sweep = 2;
                e.outcome = "finished 2 epochs";
                e.epochs = 2;
                e.bestEpoch = 2;
                e.bestValLoss = 0.1 + i;
                e.finalValLoss = i % 7 ? 0.2 + i : NAN; // a run without validation rows has no figure
                e.metric = "accuracy";
                e.bestValMetric = 0.9;
                e.seconds = 1.5;
                QCOMPARE(store.add(e, m_record), i);
                e.id = i;
                e.settings.run.reset();
                added.push_back(e);
            }
        }
        project::RunStore again(folder);
        QCOMPARE(again.entries().size(), std::size_t(50));
        for (std::size_t i = 0; i < 50; ++i) QVERIFY2(again.entries()[i] == added[i], qPrintable(QString::number(i)));
        QCOMPARE(again.entry(10)->parent, 9);
        QCOMPARE(again.entry(10)->parentEpoch, 1);
        QVERIFY(std::isnan(again.entry(7)->finalValLoss));
        QCOMPARE(again.entry(45)->settings.training.optimizer.learningRate, 0.001f * 45.0f);
        const train::RunRecord back = again.load(33);
        QCOMPARE(back.model.parameters, m_record.model.parameters);
        QCOMPARE(back.history.epochs.size(), m_record.history.epochs.size());
        QCOMPARE(back.outcome, m_record.outcome);
    }

    void deletingSaysWhatItFrees() {
        const std::string folder = m_dir.filePath("remove.runs").toStdString();
        project::RunStore store(folder);
        for (int i = 0; i < 3; ++i) store.add({}, m_record);
        std::filesystem::create_directories(store.checkpointFolder(2));
        std::ofstream(store.checkpointFolder(2) + "/epoch-0001.llckpt") << std::string(1000, 'x');
        project::RunEntry fork;
        fork.parent = 2;
        store.add(fork, m_record);
        const std::uint64_t two = store.bytes({2});
        QVERIFY(two > 1000);
        const std::uint64_t all = store.bytes();
        QCOMPARE(store.remove({2}), two);
        QCOMPARE(store.bytes(), all - two);
        QVERIFY(!std::filesystem::exists(store.checkpointFolder(2)));
        QVERIFY(!store.entry(2));
        QCOMPARE(store.entry(4)->parent, 2); // the fork keeps its lineage; its parent is gone
        project::RunStore reopened(folder);
        QCOMPARE(reopened.entries().size(), std::size_t(3));
        QCOMPARE(reopened.add({}, m_record), 5); // ids are never reused
        QVERIFY_THROWS_EXCEPTION(FileError, reopened.load(2));
    }

    void aDamagedIndexIsRefused() {
        const std::string folder = m_dir.filePath("bad.runs").toStdString();
        {
            project::RunStore store(folder);
            store.add({}, m_record);
        }
        const std::string index = folder + "/index.json";
        std::string text;
        {
            std::ifstream in(index);
            text.assign(std::istreambuf_iterator<char>(in), {});
        }
        text.replace(text.find("\"best_epoch\""), 12, "\"best_epocz\"");
        std::ofstream(index) << text;
        try {
            project::RunStore store(folder);
            QFAIL("a damaged index was read");
        } catch (const FileError& e) {
            const QString what = e.what();
            QVERIFY2(what.contains("index.json") && what.contains("runs[0]") && what.contains("best_epoch"), qPrintable(what));
        }
    }
};

QTEST_MAIN(TestRunStore)
#include "test_run_store.moc"
