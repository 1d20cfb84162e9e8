// The Model tab and File › Open Model / Export Model / Predict on CSV in the real window,
// offscreen: a saved model opens (topology on the canvas, inputs and classes in the summary),
// predicts on a CSV off the GUI thread exactly as `layerlab-cli predict` does, saves its table,
// exports in each format, refuses what an exporter cannot carry and a damaged file with a message
// naming it, and follows the project's own trained model.
#include "MainWindow.h"
#include "ProjectSession.h"
#include "canvas/GraphModel.h"
#include "document/ProjectDocument.h"
#include "model/ModelActions.h"
#include "model/ModelFile.h"
#include "model/PredictionTable.h"
#include "data/CsvReader.h"
#include "views/ModelView.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace layerlab;
using app::MainWindow;

namespace {

int cli(const QStringList& args) {
    QProcess p;
    p.start(LAYERLAB_CLI, args);
    return p.waitForFinished(120000) ? p.exitCode() : -1;
}

QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

const QString kNba = LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/gsw-2016-shots.csv";

} // namespace

class TestModelActions : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir, m_recovery;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(cli({"train", "--data", kNba, "--target", "shot_made_flag", "--inputs", "shooter,x,y", "--factors", "shooter",
                     "--boolean", "shot_made_flag=y", "--hidden", "8", "--epochs", "2", "--out", path("shots.llmodel")}) == 0);
        QVERIFY(cli({"train", "--data", kNba, "--target", "shot_made_flag", "--inputs", "x,game_date", "--dates", "game_date",
                     "--boolean", "shot_made_flag=y", "--hidden", "4", "--epochs", "1", "--out", path("dated.llmodel")}) == 0);
        QFile rows(path("rows.csv"));
        QVERIFY(rows.open(QIODevice::WriteOnly));
        rows.write("shooter,x,y\nStephen Curry,25,21\nSomeone New,-120,240\n,0,10\nKevin Durant,NA,100\n");
    }

    void opensPredictsSavesAndExports() {
        MainWindow w(nullptr, m_recovery.path());
        auto* actions = w.models();
        auto* view = w.findChild<widgets::views::ModelView*>();
        QVERIFY(view);
        QCOMPARE(view->model(), nullptr);

        QSignalSpy shown(actions, &app::model::ModelActions::modelShown);
        actions->openModel(path("shots.llmodel"));
        QVERIFY(actions->busy()); // the file is read on the pool, not here
        QVERIFY(shown.wait(10000));
        QVERIFY(view->model());
        const QString summary = view->summary();
        QVERIFY2(summary.contains("shooter (factor") && summary.contains("<b>shot_made_flag</b>: n / y"), qPrintable(summary));
        auto* graph = view->findChild<widgets::canvas::GraphModel*>();
        QVERIFY(graph);
        QCOMPARE(graph->toSpec().layers.size(), std::size_t(3)); // dense 8, relu, dense output
        QVERIFY(view->findChild<QLabel*>("modelStatus")->text().contains("shots.llmodel"));

        QSignalSpy predicted(actions, &app::model::ModelActions::predicted);
        actions->predictOn(path("rows.csv"));
        QVERIFY(actions->busy());
        QCOMPARE(view->table()->model()->rowCount(), 0); // not yet: the rows are predicted off the GUI thread
        QVERIFY(predicted.wait(10000));
        auto* table = view->table()->model();
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->columnCount(), 3 + 3); // shooter, x, y | predicted, p_n, p_y
        QCOMPARE(table->headerData(3, Qt::Horizontal).toString(), QString("predicted"));
        QCOMPARE(table->index(1, 0).data().toString(), QString("Someone New"));
        QCOMPARE(table->headerData(0, Qt::Vertical).toInt(), 2); // the CSV line

        // Exactly what the CLI predicts.
        QProcess p;
        p.start(LAYERLAB_CLI, {"predict", path("shots.llmodel"), path("rows.csv")});
        QVERIFY(p.waitForFinished(30000));
        const QStringList cliLines = QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        for (int r = 0; r < 4; ++r) {
            QStringList cells;
            for (int c = 3; c < 6; ++c) cells << table->index(r, c).data().toString();
            QCOMPARE(cells.join(','), cliLines[r + 1]);
        }

        QSignalSpy saved(actions, &app::model::ModelActions::saved);
        actions->savePredictions(path("out.csv"));
        QVERIFY(saved.wait(10000));
        const QStringList savedLines = readAll(path("out.csv")).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(savedLines.size(), 5);
        QCOMPARE(savedLines[0], QString("shooter,x,y,predicted,p_n,p_y"));
        QVERIFY(savedLines[2].startsWith("Someone New,-120,240,"));
        QVERIFY(savedLines[2].endsWith(cliLines[2]));

        QSignalSpy exported(actions, &app::model::ModelActions::exported);
        for (const auto& [name, format] : {std::pair{"shots.onnx", exporters::ExportFormat::Onnx},
                                           std::pair{"shots.h", exporters::ExportFormat::CHeader},
                                           std::pair{"shots.json", exporters::ExportFormat::Json}}) {
            actions->exportTo(path(name), format);
            QVERIFY(exported.wait(10000));
            // The same bytes as the CLI's export of the model (test_export runs those in ONNX
            // Runtime and a C compiler against predict): the GUI adds nothing and drops nothing.
            QDir(m_dir.path()).mkpath("cli"); // same file name: the model's name in the export is the file's stem
            const QString viaCli = path(QString("cli/") + name);
            QCOMPARE(cli({"export", path("shots.llmodel"), "--format", QString::fromLatin1(exporters::formatName(format).data(), qsizetype(exporters::formatName(format).size())), "--out", viaCli}), 0);
            QFile gui(path(name)), reference(viaCli);
            QVERIFY(gui.open(QIODevice::ReadOnly) && reference.open(QIODevice::ReadOnly));
            const QByteArray bytes = gui.readAll();
            QVERIFY(bytes.size() > 100);
            QVERIFY2(bytes == reference.readAll(), name);
        }
        // The JSON export predicts exactly what the model file does.
        QProcess fromJson;
        fromJson.start(LAYERLAB_CLI, {"predict", path("shots.json"), path("rows.csv")});
        QVERIFY(fromJson.waitForFinished(30000));
        QCOMPARE(fromJson.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(fromJson.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts), cliLines);
        QVERIFY(readAll(path("shots.h")).contains("static inline int shots_predict(const float in[], float out[])"));
        // The JSON export opens as the same model.
        actions->openModel(path("shots.json"));
        QVERIFY(shown.wait(10000));
        QCOMPARE(view->summary(), summary);
    }

    void refusalsAndDamagedFilesAreReported() {
        MainWindow w(nullptr, m_recovery.path());
        auto* actions = w.models();
        QSignalSpy shown(actions, &app::model::ModelActions::modelShown);
        QSignalSpy failed(actions, &app::model::ModelActions::failed);
        actions->openModel(path("dated.llmodel"));
        QVERIFY(shown.wait(10000));
        actions->exportTo(path("dated.onnx"), exporters::ExportFormat::Onnx);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.last().at(0).toString().contains("cannot read dates: column \"game_date\""), qPrintable(failed.last().at(0).toString()));
        QVERIFY(!QFile::exists(path("dated.onnx")));

        QFile bad(path("bad.llmodel"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"layerlab.model\", \"version\": 2, \"loss\": \"bce\"");
        bad.close();
        actions->openModel(path("bad.llmodel"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.last().at(0).toString().contains("bad.llmodel"));
        auto* view = w.findChild<widgets::views::ModelView*>();
        QVERIFY(view->model()); // the model shown before stays
        QVERIFY(view->findChild<QLabel*>("modelStatus")->text().contains("bad.llmodel"));

        // A CSV without the model's columns: the message names the file and the column.
        QFile other(path("other.csv"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("a,b\n1,2\n");
        other.close();
        actions->predictOn(path("other.csv"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.last().at(0).toString().contains("other.csv"), qPrintable(failed.last().at(0).toString()));
    }

    void followsTheProjectsTrainedModel() {
        MainWindow w(nullptr, m_recovery.path());
        auto* view = w.findChild<widgets::views::ModelView*>();
        auto* doc = w.session()->document();
        engine::train::RunRecord run;
        run.model = engine::model::ModelFile::load(path("shots.llmodel").toStdString());
        doc->setRun(run);
        QVERIFY(view->model());
        QVERIFY(view->findChild<QLabel*>("modelStatus")->text().contains("last run"));
        QCOMPARE(w.models()->current()->parameters, run.model.parameters);
        doc->setRun(std::nullopt);
        QCOMPARE(view->model(), nullptr);
    }
};

QTEST_MAIN(TestModelActions)
#include "test_model_actions.moc"
