// The whole workbench, offscreen: data panel edits change the project (and undo), the derived
// columns editor validates as you type, save -> open gives the same project, autosave files can
// be restored after a "crash", invalid designs are flagged on the canvas, and a new project from
// a CSV picks a target and a working network.
#include "MainWindow.h"
#include "core/Error.h"
#include "ProjectSession.h"
#include "canvas/DesignCheck.h"
#include "canvas/GraphModel.h"
#include "canvas/LayerItem.h"
#include "canvas/NetworkScene.h"
#include "document/ProjectDocument.h"
#include "document/RecoveryStore.h"
#include "panels/ColumnsEditor.h"
#include "panels/DataPanel.h"
#include "panels/DerivedColumnsEditor.h"
#include "panels/SettingsPanel.h"
#include "panels/TablePreviewModel.h"
#include "MessageBar.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace layerlab;
using app::MainWindow;

namespace {
const QString kO2 = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab";

// Opens `path` and waits until the data is read and analysed.
bool openAndAnalyse(MainWindow& w, const QString& path) {
    QSignalSpy shown(&w, &MainWindow::projectShown);
    w.openProject(path);
    if (!shown.wait(10000)) return false;
    QDeadlineTimer deadline(20000);
    while (!(w.session()->analysis() && w.session()->analysis()->table) && !deadline.hasExpired()) QTest::qWait(20);
    return w.session()->analysis() && w.session()->analysis()->table;
}
QString json(const engine::project::Project& p) {
    auto copy = p;
    copy.file.clear();
    return QString::fromStdString(copy.toJson().dump());
}
} // namespace

class TestWorkbench : public QObject {
    Q_OBJECT
    QTemporaryDir m_recovery;
    QTemporaryDir m_copies;
    QString m_o2; // a copy of the O2 sample outside the samples folder: a project of the user's own

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        for (const char* f : {"noisy-bases.layerlab", "noisy-bases.csv"})
            QVERIFY(QFile::copy(QString(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/") + f, m_copies.filePath(f)));
        m_o2 = m_copies.filePath("noisy-bases.layerlab");
    }

    // Issue 19, point 7: a shipped sample opens as an untitled copy, so Save asks where and can
    // never overwrite the installed file.
    void samplesOpenAsUntitledCopies() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(w, kO2));
        auto* doc = w.session()->document();
        QVERIFY(doc->path().isEmpty());
        QVERIFY(!doc->isModified()); // looked at and closed, it asks nothing (tour finding)
        QVERIFY(!w.isWindowModified());
        auto state = doc->state();
        state.training.epochs += 1;
        doc->edit(state, "epochs");
        QVERIFY(doc->isModified()); // the first edit marks it; Save then asks where (no path)
        QVERIFY(QFileInfo(doc->dataPath()).exists()); // its data still found, by absolute path
        QVERIFY(w.windowTitle().contains("O2"));
    }

    // Issue 19, point 4: a bad file never replaces the current project.
    void aFileThatFailsToLoadLeavesTheProjectAsItWas() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndAnalyse(w, m_o2));
        auto* doc = w.session()->document();
        auto state = doc->state();
        state.training.epochs = 7;
        doc->edit(state, "epochs"); // unsaved work
        const QString before = json(doc->snapshot());
        QTemporaryDir dir;
        QFile png(dir.filePath("photo.csv"));
        QVERIFY(png.open(QIODevice::WriteOnly));
        png.write(QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
        png.close();
        QFile empty(dir.filePath("empty.csv"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        auto* bar = w.findChild<widgets::MessageBar*>();
        int asked = 0;
        for (const QString& bad : {png.fileName(), empty.fileName()}) {
            QSignalSpy failed(w.session(), &app::ProjectSession::failed);
            w.session()->newFromCsv(bad, [&] { ++asked; return true; });
            QVERIFY(failed.wait(10000));
            QVERIFY2(bar->text().contains(QFileInfo(bad).fileName()), qPrintable(bar->text()));
            QCOMPARE(json(doc->snapshot()), before);
            QVERIFY(doc->isModified());
            QVERIFY(w.session()->table() && w.session()->analysis());
        }
        QVERIFY(bar->text().contains("PNG image") || bar->text().contains("empty"));
        QCOMPARE(asked, 0); // nothing loaded, so nothing to ask
        // Cancelling "save changes?" after a good load keeps the project too.
        QSignalSpy analysed(w.session(), &app::ProjectSession::analysisChanged);
        w.session()->newFromCsv(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv", [&] { ++asked; return false; });
        QTRY_COMPARE_WITH_TIMEOUT(asked, 1, 10000);
        QTest::qWait(200);
        QCOMPARE(json(doc->snapshot()), before);
    }

    // Issue 19: a learning-rate tick re-ran the whole data analysis (schema + a preprocessing fit
    // over every row). Only data edits may.
    void onlyDataEditsReanalyse() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(w, m_o2));
        QTest::qWait(200);
        auto* doc = w.session()->document();
        QSignalSpy analysed(w.session(), &app::ProjectSession::analysisChanged);
        auto state = doc->state();
        state.training.optimizer.learningRate *= 2;
        doc->edit(state, "learning rate");
        QTest::qWait(500);
        QCOMPARE(analysed.count(), 0);
        state = doc->state();
        state.data.optionsFor("x3").role = engine::data::ColumnRole::Ignore;
        doc->edit(state, "role");
        QVERIFY(analysed.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->analysis()->summary.inputWidth, 9, 10000);
    }

    void dataPanelEditsChangeTheProject() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndAnalyse(w, m_o2));
        auto* doc = w.session()->document();
        auto* panel = w.findChild<widgets::panels::DataPanel*>();
        QCOMPARE(panel->previewModel()->rowCount(), 10000);
        QCOMPARE(w.session()->analysis()->summary.inputWidth, 10);
        QComboBox* role = panel->columns()->combo("x3", widgets::panels::ColumnsEditor::Role);
        QVERIFY(role);
        role->setCurrentIndex(role->findText("ignore"));
        Q_EMIT role->activated(role->currentIndex());
        QCOMPARE(doc->state().data.options("x3")->role, engine::data::ColumnRole::Ignore);
        QVERIFY(doc->isModified());
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->analysis()->summary.inputWidth, 9, 10000);
        QComboBox* type = panel->columns()->combo("x4", widgets::panels::ColumnsEditor::Type);
        type->setCurrentIndex(type->findText("text"));
        Q_EMIT type->activated(type->currentIndex());
        QCOMPARE(doc->state().data.options("x4")->type, engine::data::ColumnType::Text);
        doc->undoStack()->undo();
        doc->undoStack()->undo();
        QVERIFY(!doc->state().data.options("x3") || doc->state().data.options("x3")->role == engine::data::ColumnRole::Auto);
        QVERIFY(!doc->isModified());
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->analysis()->summary.inputWidth, 10, 10000);
    }

    // The "constant" missing policy once had no field for its value, so Train then threw.
    // Tour finding: iris's factor target showed "default (mean)" and "default (zscore)", which it
    // never gets; a factor input fills with its most frequent level and is not scaled.
    void theDataTabShowsTheDefaultsAColumnApplies() {
        QTemporaryDir dir;
        QFile csv(dir.filePath("pets.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("pet,weight,label\n");
        for (int i = 0; i < 120; ++i)
            csv.write(QStringLiteral("%1,%2,%3\n").arg(i % 3 ? "cat" : "dog").arg(3 + i % 7).arg(i % 2 ? "yes" : "no").toUtf8());
        csv.close();
        MainWindow w(nullptr, m_recovery.path());
        w.openProject(csv.fileName()); // a CSV: a new project on it
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->table, 20000);
        auto* columns = w.findChild<widgets::panels::DataPanel*>()->columns();
        using E = widgets::panels::ColumnsEditor;
        QCOMPARE(columns->combo("weight", E::Missing)->itemText(0), QString("default (mean)"));
        QVERIFY(columns->combo("weight", E::Scaling)->isEnabled());
        QCOMPARE(columns->combo("pet", E::Missing)->itemText(0), QString("default (most_frequent)"));
        QVERIFY(!columns->combo("pet", E::Scaling)->isEnabled());
        QVERIFY(columns->combo("pet", E::Encoding)->isEnabled());
        QCOMPARE(w.session()->document()->state().data.target, std::string("label"));
        for (const auto column : {E::Missing, E::Scaling, E::Encoding}) QVERIFY(!columns->combo("label", column)->isEnabled());
    }

    void constantMissingPolicyAsksForItsValue() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndAnalyse(w, m_o2));
        auto* doc = w.session()->document();
        auto* columns = w.findChild<widgets::panels::DataPanel*>()->columns();
        QLineEdit* fill = columns->fillEditor("x1");
        QVERIFY(fill);
        QVERIFY(!fill->isEnabled()); // the default policy (mean) needs no value
        QComboBox* missing = columns->combo("x1", widgets::panels::ColumnsEditor::Missing);
        missing->setCurrentIndex(missing->findText("constant"));
        Q_EMIT missing->activated(missing->currentIndex());
        QCOMPARE(*doc->state().data.options("x1")->missing, engine::data::MissingPolicy::Constant);
        fill = columns->fillEditor("x1"); // the table is rebuilt from the new state
        QVERIFY(fill && fill->isEnabled());
        QCOMPARE(fill->placeholderText(), QString("value needed"));
        QTest::keyClicks(fill, "-1.5");
        QTest::keyClick(fill, Qt::Key_Return);
        QCOMPARE(doc->state().data.options("x1")->fill, std::string("-1.5"));
        doc->undoStack()->undo(); // one step per edit
        QCOMPARE(doc->state().data.options("x1")->fill, std::string());
    }

    void derivedColumnsValidateAsYouType() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndAnalyse(w, m_o2));
        auto* editor = w.findChild<widgets::panels::DataPanel*>()->derived();
        editor->nameEdit()->setText("radius");
        QTest::keyClicks(editor->formulaEdit(), "sqrt(x1^2 + x2^2");
        editor->validateNow();
        QVERIFY2(editor->statusLabel()->text().contains("At character"), qPrintable(editor->statusLabel()->text()));
        QVERIFY(!editor->addButton()->isEnabled());
        QTest::keyClicks(editor->formulaEdit(), ")");
        editor->validateNow();
        QCOMPARE(editor->statusLabel()->text(), QString("OK"));
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        const auto& derived = w.session()->document()->state().data.derived;
        QCOMPARE(derived.size(), std::size_t(1));
        QCOMPARE(derived[0].formula, std::string("sqrt(x1^2 + x2^2)"));
        // The new column is an input: 11 after analysis.
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->analysis()->summary.inputWidth, 11, 10000);
    }

    void saveThenOpenGivesTheSameProject() {
        QTemporaryDir dir;
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndAnalyse(w, m_o2));
        auto* doc = w.session()->document();
        w.findChild<widgets::canvas::NetworkScene*>()->addLayer(widgets::canvas::NodeKind::Dense);
        auto state = doc->state();
        state.training.epochs = 7;
        state.data.derived.push_back({"s", "x1 + x2"});
        doc->edit(state, "epochs");
        QVERIFY(doc->isModified());
        QVERIFY(w.windowTitle().contains("[*]"));
        QVERIFY(w.isWindowModified());
        const QString path = dir.filePath("copy.layerlab");
        QString error;
        QVERIFY2(doc->save(path, &error), qPrintable(error));
        QVERIFY(!doc->isModified());
        QVERIFY(!w.isWindowModified());
        QVERIFY(w.windowTitle().contains("copy.layerlab"));
        // The CLI format: the engine reads it, data path relative to the new place.
        const auto loaded = engine::project::Project::load(path.toStdString());
        QCOMPARE(QString::fromStdString(loaded.resolvedDataPath()), doc->dataPath());

        MainWindow again(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(again, path));
        QCOMPARE(json(again.session()->document()->snapshot()), json(doc->snapshot()));
    }

    void autosaveCanBeRestored() {
        QTemporaryDir dir;
        engine::project::Project saved;
        QString file;
        {
            MainWindow w(nullptr, dir.path());
            QVERIFY(openAndAnalyse(w, m_o2));
            auto* doc = w.session()->document();
            QVERIFY(w.recovery()->autosaveNow()); // nothing to save yet: no file
            QVERIFY(!QFile::exists(w.recovery()->sessionFile()));
            w.findChild<widgets::canvas::NetworkScene*>()->addLayer(widgets::canvas::NodeKind::Dropout);
            QVERIFY(w.recovery()->autosaveNow());
            QVERIFY(QFile::exists(w.recovery()->sessionFile()));
            // A live session's file is not offered to another window.
            QVERIFY(app::document::RecoveryStore(dir.path()).orphans().isEmpty());
            saved = doc->snapshot();
            // Simulate the crash: the file stays behind without its owner.
            file = dir.filePath("crashed.recovery");
            QVERIFY(QFile::copy(w.recovery()->sessionFile(), file));
            doc->undoStack()->undo(); // clean again: this window leaves nothing behind
        }
        app::document::RecoveryStore store(dir.path());
        const auto orphans = store.orphans();
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans[0].original, m_o2);
        const auto restored = app::document::RecoveryStore::restore(orphans[0]);
        QCOMPARE(json(restored), json(saved));
        MainWindow w(nullptr, dir.path());
        w.session()->restore(restored);
        QVERIFY(w.session()->document()->isModified());
        QCOMPARE(w.session()->document()->path(), m_o2);
        if (json(w.session()->document()->snapshot()) != json(saved)) {
            qWarning().noquote() << json(w.session()->document()->snapshot()) << "\n-----\n" << json(saved);
        }
        QCOMPARE(json(w.session()->document()->snapshot()), json(saved));
        // A damaged recovery file gives a clear error naming it.
        QFile bad(dir.filePath("bad.recovery"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"layerlab.recovery\", \"project\": {\"version\": ");
        bad.close();
        bool named = false;
        for (const auto& e : store.orphans()) {
            if (!e.file.endsWith("bad.recovery")) continue;
            try {
                app::document::RecoveryStore::restore(e);
            } catch (const engine::Error& error) {
                named = QString(error.what()).contains("bad.recovery");
            }
        }
        QVERIFY(named);
    }

    // Tour finding: O4 trains its made/missed target with bce, which fits it, and the panel said
    // "Suggested: ce" under it. Only a loss that does not fit gets a suggestion.
    void theLossHintSpeaksOnlyWhenTheLossDoesNotFit() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(w, QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/shots-xy.layerlab")));
        auto* panel = w.findChild<widgets::panels::SettingsPanel*>();
        auto* doc = w.session()->document();
        QCOMPARE(doc->state().training.loss, engine::train::LossKind::BinaryCrossEntropy);
        QVERIFY2(panel->lossHint().isEmpty(), qPrintable(panel->lossHint()));
        auto state = doc->state();
        state.training.loss = engine::train::LossKind::Mse; // regression on made/missed
        doc->edit(state, "loss");
        QVERIFY2(panel->lossHint().contains(QStringLiteral("ce")), qPrintable(panel->lossHint()));
        doc->undoStack()->undo();
        QVERIFY(panel->lossHint().isEmpty());
    }

    // Tour finding: the recovery question named its choices Yes / No / Discard, and "No" and
    // "Discard" read alike though only one deletes the autosave.
    void recoveryQuestionNamesItsChoices() {
        QTemporaryDir dir;
        {
            MainWindow w(nullptr, dir.path());
            QVERIFY(openAndAnalyse(w, m_o2));
            w.findChild<widgets::canvas::NetworkScene*>()->addLayer(widgets::canvas::NodeKind::Dropout);
            QVERIFY(w.recovery()->autosaveNow());
            QVERIFY(QFile::copy(w.recovery()->sessionFile(), dir.filePath("crashed.recovery")));
            w.session()->document()->undoStack()->undo();
        }
        QCOMPARE(app::document::RecoveryStore(dir.path()).orphans().size(), 1);
        MainWindow w(nullptr, dir.path());
        QStringList seen;
        const auto answer = [&](const QString& choice) {
            QTimer::singleShot(0, [&, choice] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box) return;
                seen.clear();
                for (auto* b : box->buttons()) seen << b->text();
                for (auto* b : box->buttons())
                    if (b->text() == choice) b->click();
            });
            w.offerRecovery();
        };
        answer(QStringLiteral("Not now"));
        QCOMPARE(seen, (QStringList{"Restore", "Not now", "Delete"}));
        QCOMPARE(app::document::RecoveryStore(dir.path()).orphans().size(), 1); // kept for the next start
        answer(QStringLiteral("Delete"));
        QVERIFY(app::document::RecoveryStore(dir.path()).orphans().isEmpty());
        QVERIFY(!w.session()->document()->isModified()); // nothing was restored
    }

    void invalidDesignIsFlaggedOnTheCanvas() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(w, m_o2));
        QTRY_VERIFY(w.session()->issues().empty());
        auto* graph = w.session()->graph();
        auto out = graph->nodes().back();
        out.activation = engine::nn::Activation::Softmax;
        graph->replace(out.id, out);
        QVERIFY(!w.session()->issues().empty());
        auto* scene = w.findChild<widgets::canvas::NetworkScene*>();
        QVERIFY(scene->itemFor(out.id)->look().problem.contains("Remove the softmax"));
        QVERIFY(scene->itemFor(out.id)->toolTip().contains("Remove the softmax"));
        bool banner = false;
        for (auto* item : scene->items())
            if (auto* text = dynamic_cast<QGraphicsTextItem*>(item)) banner |= text->toPlainText().contains("softmax");
        QVERIFY(banner);
        // Switching to a regression loss changes the reason.
        auto state = w.session()->document()->state();
        state.training.loss = engine::train::LossKind::Mse;
        w.session()->document()->edit(state, "loss");
        QTRY_VERIFY(!w.session()->issues().empty());
        QString all;
        for (const auto& i : w.session()->issues()) all += i.message;
        QVERIFY2(all.contains("Softmax output with a regression"), qPrintable(all));
    }

    // Issue 19, point 2: iris's numeric `target` beside `species` became an input without a word
    // (accuracy 1.000, "Better"). The Data tab flags it before training and leaves it out; the
    // user can put it back as an input deliberately.
    void targetLeakIsFlaggedAndLeftOutInTheDataTab() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        w.session()->newFromCsv(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->table, 20000);
        auto* doc = w.session()->document();
        QCOMPARE(QString::fromStdString(doc->state().data.target), QString("species"));
        auto* panel = w.findChild<widgets::panels::DataPanel*>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->columns()->note("target").contains("possible target leak"), 10000);
        QVERIFY2(panel->columns()->note("target").contains("species"), qPrintable(panel->columns()->note("target")));
        QVERIFY(!w.session()->analysis()->summary.inputs.contains("target"));
        QCOMPARE(w.session()->analysis()->summary.inputs.size(), 4);
        QVERIFY(panel->columns()->note("petal width (cm)").isEmpty());
        // Put back by hand: an input again, still flagged.
        QComboBox* role = panel->columns()->combo("target", widgets::panels::ColumnsEditor::Role);
        role->setCurrentIndex(role->findText("input"));
        Q_EMIT role->activated(role->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis()->summary.inputs.contains("target"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->columns()->note("target").startsWith("kept as an input"), 10000);
        // The run does what the tab said: the network reads 4 inputs, not the leak.
        doc->undoStack()->undo();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->analysis()->summary.inputs.contains("target"), 10000);
    }

    // Issue 19, point 6: a date input used to be found unexportable only after training.
    // Two requests in flight: the newest wins, and only it asks "save changes?".
    void theNewestOpenRequestWins() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndAnalyse(w, m_o2));
        int askedProject = 0, askedCsv = 0;
        w.session()->open(m_o2, [&] { ++askedProject; return true; });
        w.session()->newFromCsv(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv", [&] { ++askedCsv; return true; });
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->summary.target == "species", 20000);
        QTest::qWait(300);
        QCOMPARE(askedCsv, 1);
        QCOMPARE(askedProject, 0);
        QCOMPARE(QString::fromStdString(w.session()->document()->state().data.target), QString("species"));
    }

    void exportLimitsAreSaidBeforeTraining() {
        QTemporaryDir dir;
        QFile f(dir.filePath("cars.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Year,Weight,Miles\n");
        for (int i = 0; i < 60; ++i) f.write(QString("%1-01-01,%2,%3\n").arg(1970 + i % 12).arg(2000 + 37 * i).arg(10 + i % 25).toUtf8());
        f.close();
        MainWindow w(nullptr, m_recovery.path());
        w.session()->newFromCsv(f.fileName());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->table, 20000);
        const auto said = [&] {
            QString all;
            for (const auto& i : w.session()->issues()) all += i.message + "\n";
            return all;
        };
        QTRY_VERIFY_WITH_TIMEOUT(said().contains("ONNX export cannot read dates"), 10000);
        QVERIFY(said().contains("C header export cannot read dates"));
        QVERIFY(!widgets::canvas::DesignCheck::hasErrors(w.session()->issues())); // a warning: it still trains
        // Without the date column, every format can carry it.
        auto state = w.session()->document()->state();
        state.data.optionsFor("Year").role = engine::data::ColumnRole::Ignore;
        w.session()->document()->edit(state, "role");
        QTRY_VERIFY_WITH_TIMEOUT(!said().contains("Export:"), 10000);
    }

    void newProjectFromCsv() {
        MainWindow w(nullptr, m_recovery.path());
        w.session()->newFromCsv(LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/gsw-2016-shots.csv");
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->table, 20000);
        const auto& s = w.session()->analysis()->summary;
        QVERIFY(!s.target.isEmpty());
        QVERIFY(s.rows > 1000);
        QVERIFY(w.session()->document()->isModified()); // never saved: closing would ask
        QCOMPARE(w.session()->graph()->nodes().size(), std::size_t(3));
        // Embedding encoding: each factor becomes one index input (the run puts an Embedding layer
        // in front); nothing about it is flagged.
        auto* doc = w.session()->document();
        const int oneHotWidth = s.inputWidth;
        auto state = doc->state();
        state.data.encoding = engine::data::FactorEncoding::Embedding;
        doc->edit(state, "factor encoding");
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->analysis() && w.session()->analysis()->summary.inputWidth < oneHotWidth, 20000);
        QVERIFY(w.session()->analysis()->summary.error.isEmpty());
        for (const auto& i : w.session()->issues()) QVERIFY2(!i.message.contains("embedding"), qPrintable(i.message));
    }

    void missingDataFileIsAMessageNotACrash() {
        QTemporaryDir dir;
        auto p = engine::project::Project::load(m_o2.toStdString());
        p.data.path = "nowhere.csv";
        p.save(dir.filePath("lost.layerlab").toStdString());
        MainWindow w(nullptr, m_recovery.path());
        QSignalSpy failed(w.session(), &app::ProjectSession::dataMissing); // a missing file can be located
        w.openProject(dir.filePath("lost.layerlab"));
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().first().toString().contains("nowhere.csv"), qPrintable(failed.first().first().toString()));
    }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
