// Training through the TrainingController and the real window, offscreen: the chart holds every
// epoch exactly once and in order, pause really pauses, a mid-run learning-rate change applies
// from the next batch and is marked, no training step ever runs on the GUI thread, and the live
// views (canvas colours, decision map, judge) fill in from the run; a finished run is kept in the
// project file.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ProjectSession.h"
#include "canvas/DesignCheck.h"
#include "canvas/LayerItem.h"
#include "canvas/LayerPalette.h"
#include "panels/LayerInspector.h"
#include "canvas/NetworkScene.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "training/LiveInspector.h"
#include "training/TrainingActions.h"
#include "training/TrainingController.h"
#include "views/DecisionMapView.h"
#include "views/JudgeView.h"
#include "views/SequenceStateView.h"
#include "nn/GraphText.h"
#include "project/Project.h"

#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QDeadlineTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <thread>

using namespace layerlab;
using app::MainWindow;
using app::training::TrainingController;
using State = TrainingController::State;

namespace {
const QString kO2 = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab";
const QString kNba = LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/shots-xy.layerlab";
const QString kParity = LAYERLAB_SOURCE_DIR "/samples/word-parity/parity-gru.layerlab";
const QString kWeather = LAYERLAB_SOURCE_DIR "/samples/weather-planning/weather-gru.layerlab";
const QString kSameAsLastRow = QStringLiteral("accuracy of \"same as the last row\"");

using layerlab::tests::openAndLoad;
using layerlab::tests::setEpochs;
using layerlab::tests::waitFor;
} // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
    QTemporaryDir m_recovery;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chartHoldsEveryEpochOnceInOrder() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 12);
        auto* c = w.training()->controller();
        // Every epoch the chart has seen, in the order it saw them (one refresh per progress tick).
        std::vector<int> seen;
        std::size_t shown = 0;
        QObject::connect(c, &TrainingController::progressed, [&] {
            for (; shown < c->history().epochs.size(); ++shown) seen.push_back(c->history().epochs[shown].epoch);
        });
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        QCOMPARE(int(seen.size()), 12);
        for (int i = 0; i < 12; ++i) QCOMPARE(seen[std::size_t(i)], i + 1);
        QCOMPARE(int(c->history().epochs.size()), 12);
        auto* chart = w.findChild<widgets::charts::LossChart*>(QStringLiteral("lossChart"));
        QVERIFY(chart);
        QCOMPARE(chart->pointsShown(QStringLiteral("train loss")), 12);
        // The run is kept in the project (best weights + curves), and so in the saved file.
        const auto& run = w.session()->document()->run();
        QVERIFY(run.has_value());
        QCOMPARE(run->history.epochs.size(), std::size_t(12));
        QVERIFY(w.session()->document()->isModified());
        QVERIFY(w.session()->document()->toJsonText().contains("\"run\""));

        // Saved and opened again, the kept run's curves are back on the chart.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept.layerlab"));
        QString error;
        QVERIFY2(w.session()->document()->save(path, &error), qPrintable(error));
        MainWindow again(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(again, path));
        QVERIFY(again.session()->document()->run().has_value());
        QCOMPARE(again.session()->document()->run()->history.epochs.size(), std::size_t(12));
        QCOMPARE(again.session()->document()->run()->model.parameters, run->model.parameters);
        auto* chart2 = again.findChild<widgets::charts::LossChart*>(QStringLiteral("lossChart"));
        QCOMPARE(chart2->pointsShown(QStringLiteral("train loss")), 12);
    }

    void pauseStepAndLearningRateChange() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 100000);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->stepsDone() > 5; }));
        c->pause();
        QCOMPARE(c->state(), State::Paused);
        QVERIFY(waitFor([&] { return c->parameters() && c->parameters()->step == c->stepsDone(); }));
        const auto pausedAt = c->stepsDone();
        // Parked in its wait at that step (only Resume/Step/Stop release it): no sleeping on a guess.
        QVERIFY(waitFor([&] { return c->experiment() && c->experiment()->trainer().parkedAt() == pausedAt; }));
        QCOMPARE(c->stepsDone(), pausedAt); // no batch ran while paused
        QCOMPARE(std::int64_t(c->history().stepLoss.size()), pausedAt);

        // Edit the learning rate the way the settings panel does: through the document.
        auto state = w.session()->document()->state();
        state.training.optimizer.learningRate = 0.0005f;
        w.session()->document()->edit(state, QStringLiteral("lr"));
        c->step();
        QVERIFY(waitFor([&] { return c->stepsDone() == pausedAt + 1 && c->parameters()->step == pausedAt + 1; }));
        QVERIFY(waitFor([&] { return c->experiment()->trainer().parkedAt() == pausedAt + 1; }));
        QCOMPARE(c->stepsDone(), pausedAt + 1); // one batch, then paused again
        QCOMPARE(int(c->history().markers.size()), 1);
        QCOMPARE(c->history().markers[0].step, pausedAt + 1);
        QVERIFY(QString::fromStdString(c->history().markers[0].text).contains(QStringLiteral("lr 0.01 → 0.0005")));

        // Changing the loss mid-run is refused with a message; the run goes on.
        state.training.loss = engine::train::LossKind::Mse;
        QString error;
        QVERIFY(!c->updateSettings(state.training, &error));
        QVERIFY(error.contains(QStringLiteral("loss")));

        c->resume();
        QVERIFY(waitFor([&] { return c->stepsDone() > pausedAt + 20; }));
        c->stop();
        QVERIFY(waitFor([&] { return c->state() == State::Stopped; }, 5000));
        // Train again continues the stopped run: steps go on from where they were.
        const auto stoppedAt = c->stepsDone();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->stepsDone() > stoppedAt + 5; }));
        QVERIFY2(c->history().markers.size() == 1, c->history().markers.back().text.c_str());
        c->reset(); // stops, joins and forgets
        QCOMPARE(c->state(), State::Idle);
        QVERIFY(c->history().empty());
    }

    void theGuiThreadNeverTrainsAndResetRepeats() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 3);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        // The trainer was told the GUI thread's id and throws if a step ever runs there (that
        // would end the run as Failed); the run finished, and its steps ran on another thread.
        QVERIFY2(c->outcome().contains(QStringLiteral("finished")), qPrintable(c->outcome()));
        QVERIFY(c->trainingThread() != std::thread::id());
        QVERIFY(c->trainingThread() != std::this_thread::get_id());

        // Reset, then Train: the same seed gives the same start, so the same curve, bit for bit.
        const auto first = c->history().epochs;
        c->reset();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        QCOMPARE(c->history().epochs.size(), first.size());
        for (std::size_t i = 0; i < first.size(); ++i) QCOMPARE(c->history().epochs[i].trainLoss, first[i].trainLoss);
    }

    void liveViewsFillInOnTheNbaShots() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndLoad(w, kNba));
        setEpochs(w, 8);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        // Canvas: every neuron of the first hidden layer coloured from the sample's activations.
        auto* scene = w.findChild<widgets::canvas::NetworkScene*>();
        QVERIFY(scene);
        QVERIFY(waitFor([&] { return !scene->activity().values.isEmpty(); }, 10000));
        const auto& nodes = w.session()->document()->snapshot().network.layers;
        const int firstDense = nodes.front().id;
        QCOMPARE(int(scene->itemFor(firstDense)->values().size()), 16);
        QVERIFY(!scene->activity().weights.value(firstDense).empty());
        // Map tab: an image with the training points.
        auto* map = w.findChild<widgets::views::DecisionMapView*>(QStringLiteral("decisionMap"));
        w.tabs()->setCurrentWidget(map);
        QVERIFY(waitFor([&] { return !map->image().isNull(); }, 10000));
        QCOMPARE(map->xColumn(), QStringLiteral("x"));
        // Judge tab: metrics beside the baseline, a flag, 20 worst rows.
        auto* judge = w.findChild<widgets::views::JudgeView*>(QStringLiteral("judge"));
        w.tabs()->setCurrentWidget(judge);
        QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
        QCOMPARE(judge->worstCount(), 20);
        // "Judge on: Test rows" re-judges on the test split, and says so.
        auto* title = judge->findChildren<QLabel*>().first();
        QVERIFY(title->text().contains("validation rows"));
        judge->findChild<QComboBox*>(QStringLiteral("judgeRows"))->setCurrentIndex(1);
        QVERIFY(waitFor([&] { return title->text().contains("test rows"); }, 10000));
    }

    void recurrentStateIsDrawnStepByStep() {
        // O3's GRU over characters: the Inside tab shows the sample's hidden state per step,
        // labelled by the characters, padding greyed, and the output after each step.
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndLoad(w, kParity));
        setEpochs(w, 3);
        auto* c = w.training()->controller();
        auto* view = w.findChild<widgets::views::SequenceStateView*>(QStringLiteral("sequenceState"));
        QVERIFY(view);
        w.tabs()->setCurrentWidget(view->parentWidget());
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 120000));
        QVERIFY(waitFor([&] { return view->hasState(); }, 20000));
        QVERIFY(waitFor([&] { return view->state().parametersStep == c->parameters()->step; }, 20000)); // the final weights
        const auto& s = view->state();
        const int steps = c->experiment()->preprocessing().steps();
        QCOMPARE(int(s.states.rows()), steps);
        QCOMPARE(int(s.states.cols()), 16);
        QCOMPARE(int(s.steps.size()), steps);
        // The labels are the sample word's characters, then empty padding, which is greyed.
        const int letters = int(std::count_if(s.steps.begin(), s.steps.end(), [](const QString& l) { return !l.isEmpty(); }));
        QVERIFY(letters >= 1 && letters < steps);
        for (int t = 0; t < steps; ++t) QCOMPARE(bool(s.padding[std::size_t(t)]), t >= letters);
        // After the last letter the state carries through the padding unchanged.
        QCOMPARE(s.states.row(steps - 1), s.states.row(letters - 1));
        QCOMPARE(int(s.outputs.rows()), steps);
        QCOMPARE(s.outputs.row(steps - 1), s.outputs.row(letters - 1)); // padding changes nothing
        QCOMPARE(s.outputNames, QStringList{"odd"});
        QCOMPARE(w.findChild<widgets::charts::LossChart*>()->pointsShown(kSameAsLastRow), 0); // not a forecast
        // Trained three epochs (≥ 99 % accurate): the output after the last letter knows the parity.
        QCOMPARE(s.outputs(letters - 1, 0) > 0.5f, letters % 2 == 1);
    }

    void forecastChartShowsSameAsTodayBaseline() {
        // O5: the chart draws "same as the last row" beside the majority baseline, at the share of
        // validation days whose weather equals the day before.
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndLoad(w, kWeather));
        setEpochs(w, 2);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        auto* chart = w.findChild<widgets::charts::LossChart*>();
        QVERIFY(waitFor([&] { return chart->pointsShown(kSameAsLastRow) == 2; }, 10000));
        // The sequence view draws the window: 7 steps labelled t-6 … t, no per-step output.
        auto* view = w.findChild<widgets::views::SequenceStateView*>(QStringLiteral("sequenceState"));
        w.tabs()->setCurrentWidget(view->parentWidget());
        QVERIFY(waitFor([&] { return view->hasState(); }, 20000));
        QCOMPARE(view->state().steps, (QStringList{"t-6", "t-5", "t-4", "t-3", "t-2", "t-1", "t"}));
        QCOMPARE(int(view->state().outputs.size()), 0);
        // The judge's worst rows name the day that was forecast (the row after the window) and
        // its weather; a click shows the window itself (its last row) on the canvas.
        auto* judge = w.findChild<widgets::views::JudgeView*>(QStringLiteral("judge"));
        w.tabs()->setCurrentWidget(judge);
        QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
        auto* worst = judge->findChild<QTableWidget*>(QStringLiteral("judgeWorst"));
        QVERIFY(worst && worst->rowCount() > 0);
        const auto& table = c->experiment()->table();
        const auto target = table.columnIndex("weather");
        QVERIFY(target.has_value());
        QSignalSpy activated(judge, &widgets::views::JudgeView::rowActivated);
        for (int r = 0; r < std::min(worst->rowCount(), 5); ++r) {
            Q_EMIT worst->cellClicked(r, 0);
            QCOMPARE(activated.count(), r + 1);
            const auto sample = activated.at(r).at(0).value<std::size_t>();
            QCOMPARE(worst->item(r, 0)->text().toLongLong(), qlonglong(table.rowLine(sample + 1)));
            QCOMPARE(worst->item(r, 1)->text(), QString::fromStdString(table.text(*target, sample + 1)));
        }
    }

    void embeddedFactorsTrainAndShowOnTheCanvas() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kNba));
        auto state = w.session()->document()->state();
        state.data.encoding = engine::data::FactorEncoding::Embedding;
        state.training.epochs = 3;
        w.session()->document()->edit(state, QStringLiteral("factor encoding"));
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        QCOMPARE(c->experiment()->networkSpec().layers.front().type, engine::nn::LayerType::Embedding);
        // The drawn layers still get their own values: the run's extra first layer is skipped.
        auto* scene = w.findChild<widgets::canvas::NetworkScene*>();
        QVERIFY(waitFor([&] { return !scene->activity().values.isEmpty(); }, 10000));
        const int firstDense = w.session()->document()->snapshot().network.layers.front().id;
        QCOMPARE(int(scene->activity().values.value(firstDense).size()), 16);
        const auto* activity = w.training()->inspector()->activity().get();
        QVERIFY(activity);
        QCOMPARE(scene->activity().values.value(firstDense), activity->sample[2]); // embedding, dense, relu
    }
    void aGraphFromAFileIsDrawnEditedAndTrained() {
        // A project whose network is a graph (written with --graph): the canvas draws it as nodes
        // (a dense layer with its activation is one card), edits it, and never turns it into a
        // chain in silence; the run, the model and the file keep the graph.
        engine::project::Project p = engine::project::Project::load(kO2.toStdString());
        p.data.path = p.resolvedDataPath();
        p.network = engine::nn::parseGraph("h1=dense(16,relu)(input); h2=dense(16,relu)(h1); s=add(h1,h2); n=batchnorm(s)");
        p.training.epochs = 3;
        const QString path = m_recovery.filePath("graph.layerlab");
        p.save(path.toStdString());
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, path));
        auto* doc = w.session()->document();
        const QString asWritten = QString::fromStdString(p.network.toJson().dump(-1));
        QCOMPARE(QString::fromStdString(doc->snapshot().network.toJson().dump(-1)), asWritten);
        auto* scene = w.findChild<widgets::canvas::NetworkScene*>();
        QVERIFY(w.findChild<widgets::canvas::LayerPalette*>()->isEnabled()); // graphs are edited on the canvas
        // A card per node: h1, h2 (each a dense layer and its relu), the add, the norm, the output.
        const auto& layers = p.network.layers;
        for (const std::size_t i : {0, 2, 4, 5, 6}) QVERIFY2(scene->itemFor(layers[i].id), qPrintable(QString::number(i)));
        QVERIFY(!scene->itemFor(layers[1].id)); // h1's relu is part of h1's card
        // The block's body (h2) one row below h1, so the skip into the add shows.
        const auto y = [&](std::size_t i) { return scene->itemFor(layers[i].id)->pos().y(); };
        QVERIFY2(y(2) > y(0) && y(4) == y(0), "the residual body sits below its skip");
        QStringList shapes;
        for (auto* item : scene->items())
            if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item)) shapes << t->text();
        QCOMPARE(shapes.count(QStringLiteral("[batch × 16]")), 5); // every connection after the first dense: 16 wide
        QVERIFY(shapes.contains(QStringLiteral("[batch × 10]"))); // the input row: noisy bases' ten columns
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }));
        QVERIFY(!c->experiment()->networkSpec().isChain());
        const auto& run = doc->run();
        QVERIFY(run.has_value());
        QCOMPARE(run->model.state.size(), std::size_t(32)); // the batchnorm's statistics, kept with the run
        // Live views on the graph: each card gets its node's output on the sample, the add its sum.
        QVERIFY(waitFor([&] { return !scene->activity().values.isEmpty(); }, 10000));
        const auto* activity = w.training()->inspector()->activity().get();
        QVERIFY(activity);
        const std::pair<std::size_t, std::size_t> shown[] = {{0, 1}, {2, 3}, {4, 4}, {5, 5}, {6, 6}}; // card -> layer it shows
        for (const auto& [card, layer] : shown) QCOMPARE(scene->activity().values.value(layers[card].id), activity->sample[layer]);
        QCOMPARE(int(scene->activity().weights.value(layers[0].id).size()), 10 * 16); // the first dense's weights
        QVERIFY(doc->toJsonText().contains("\"from\""));
        // An edit on the canvas: the norm wrapped in a residual connection, one undo step.
        scene->selectLayer(layers[5].id);
        QVERIFY(scene->wrapSelectionInResidual());
        const auto wrapped = doc->snapshot().network;
        QCOMPARE(wrapped.layers.size(), layers.size() + 1);
        QCOMPARE(wrapped.layers[6].type, engine::nn::LayerType::Add);
        QCOMPARE(wrapped.layers[6].from, (std::vector<int>{layers[5].id, layers[4].id}));
        QVERIFY(!widgets::canvas::DesignCheck::hasErrors(w.session()->issues()));
        doc->undoStack()->undo();
        QCOMPARE(QString::fromStdString(doc->snapshot().network.toJson().dump(-1)), asWritten);
    }
    void aBrokenGraphIsMarkedOnItsLayer() {
        // Shape inference on the data marks the layer that cannot work, with the engine's sentence.
        engine::project::Project p = engine::project::Project::load(kO2.toStdString());
        p.data.path = p.resolvedDataPath();
        p.network = engine::nn::parseGraph("a=dense(16)(input); b=dense(8)(input); s=add(a,b)");
        const QString path = m_recovery.filePath("broken-graph.layerlab");
        p.save(path.toStdString());
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, path));
        const int add = p.network.layers[2].id;
        QVERIFY(waitFor([&] {
            for (const auto& i : w.session()->issues())
                if (i.layerId == add && i.message.contains(QStringLiteral("needs equal widths: 16 and 8"))) return true;
            return false;
        }));
        auto* scene = w.findChild<widgets::canvas::NetworkScene*>();
        QVERIFY(scene->itemFor(add) && scene->itemFor(add)->look().problem.contains(QStringLiteral("set both to 16, or use concat")));
        // Said of the card (an Add named "s" by its statement), not of a layer number.
        QVERIFY2(scene->itemFor(add)->look().problem.startsWith(QStringLiteral("Add \"s\" needs equal widths")),
                 qPrintable(scene->itemFor(add)->look().problem));
        // The connections that work keep their shapes: the input's 10 columns, a's 16 and b's 8.
        QStringList shapes;
        for (auto* item : scene->items())
            if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item)) shapes << t->text();
        QVERIFY2(shapes.contains(QStringLiteral("[batch × 10]")) && shapes.contains(QStringLiteral("[batch × 16]")) &&
                     shapes.contains(QStringLiteral("[batch × 8]")),
                 qPrintable(shapes.join(' ')));
        QVERIFY(!w.training()->train()); // a design with an error does not start
    }
};

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
