// Issue 19, points 8-11, driven through the real window offscreen: what the run views show after
// the design changes under a stopped run (point 11), after reopening a project with a kept run
// (point 10), for a three-class target (point 9) and for one neuron (point 8).
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "canvas/GraphModel.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "panels/TrainingBar.h"
#include "training/TrainingActions.h"
#include "training/TrainingController.h"
#include "style/Theme.h"
#include "views/JudgeView.h"
#include "views/DecisionMapView.h"
#include "views/LayerActivityView.h"
#include "views/ModelView.h"
#include "canvas/LayerItem.h"
#include "canvas/NetworkScene.h"

#include <QComboBox>
#include <QGraphicsView>
#include <QPushButton>
#include "canvas/CanvasView.h"
#include "views/NeuronView.h"

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QImage>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QFile>
#include <QTabWidget>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QTimer>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace layerlab;
using app::MainWindow;
using State = app::training::TrainingController::State;

namespace {

const QString kO2 = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
const QString kNba = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/shots-xy.layerlab");
const QString kIris = QStringLiteral(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");

// A project on iris with `species` (three classes) as the target and the numeric copy left out.
QString irisProject(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("iris.layerlab"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QString::fromUtf8(R"json({"format": "layerlab.project", "version": 1, "name": "iris",
  "data": {"path": "%1", "target": "species", "inputs": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
           "validation": 0.3, "test": 0},
  "network": {"format": "layerlab.network", "version": 1, "layers": [
      {"type": "dense", "id": 1, "units": 8}, {"type": "activation", "id": 2, "function": "tanh"},
      {"type": "dense", "id": 3, "units": 0}]},
  "training": {"loss": "ce", "optimizer": "adam", "lr": 0.03, "batch": 16, "epochs": 30, "seed": 1, "patience": 0}})json")
                .arg(kIris)
                .toUtf8());
    return path;
}

// The input box's text ("3 col. → 8") on a canvas scene.
QString inputDetail(widgets::canvas::NetworkScene* scene) {
    for (auto* item : scene->items())
        if (auto* layer = dynamic_cast<widgets::canvas::LayerItem*>(item); layer && layer->look().role == widgets::canvas::LayerItem::Role::Input)
            return layer->look().detail;
    return {};
}

using layerlab::tests::openAndLoad;
using layerlab::tests::setEpochs;
using layerlab::tests::waitFor;

// Runs until `epochs` epochs are drawn, then stops the run.
bool trainThenStop(MainWindow& w, std::size_t epochs) {
    auto* c = w.training()->controller();
    if (!w.training()->train()) return false;
    if (!waitFor([&] { return c->history().epochs.size() >= epochs; })) return false;
    c->stop();
    return waitFor([&] { return c->state() == State::Stopped; });
}

} // namespace

class TestRunViews : public QObject {
    Q_OBJECT
    QTemporaryDir m_recovery;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Point 11: after an architecture edit, Train says it starts anew (not "Continue"), says so
    // when pressed, and the old run's curves stay on the chart in grey.
    void continueAfterAnArchitectureEditSaysItStartsAnew() {
        MainWindow w(nullptr, m_recovery.path());
        w.show(); // the message bar reports its text only while it can be seen
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 100000);
        auto* bar = w.findChild<widgets::panels::TrainingBar*>();
        auto* chart = w.findChild<widgets::charts::LossChart*>(QStringLiteral("lossChart"));
        auto* messages = w.findChild<widgets::MessageBar*>();
        QVERIFY(bar && chart && messages);
        QVERIFY(trainThenStop(w, 3));
        QCOMPARE(bar->trainAction()->text(), QStringLiteral("Continue"));

        // A settings-only edit keeps it a continuation.
        auto state = w.session()->document()->state();
        state.training.optimizer.learningRate *= 0.5f;
        w.session()->document()->edit(state, QStringLiteral("learning rate"));
        QCOMPARE(bar->trainAction()->text(), QStringLiteral("Continue"));

        // One more unit in the first hidden layer: a different network.
        auto* graph = w.session()->graph();
        auto node = graph->nodes().front();
        node.units += 3;
        graph->replace(node.id, node);
        QCOMPARE(bar->trainAction()->text(), QStringLiteral("Train anew"));
        QVERIFY(bar->trainAction()->toolTip().contains(QStringLiteral("new run")));

        const auto oldEpochs = w.training()->controller()->history().epochs.size();
        bar->trainAction()->trigger();
        QVERIFY(w.training()->controller()->isActive());
        QVERIFY2(messages->text().contains(QStringLiteral("new run from fresh weights")),
                 qPrintable(messages->text()));
        QVERIFY(chart->hasPrevious());
        QVERIFY(chart->legendTexts().contains(QStringLiteral("previous run: train loss")));
        QCOMPARE(chart->pointsShown(QStringLiteral("previous run: train loss")), int(oldEpochs));
        // Once the new run has as many epochs the grey curves go.
        QVERIFY(waitFor([&] { return w.training()->controller()->history().epochs.size() > oldEpochs; }));
        QVERIFY(waitFor([&] { return !chart->hasPrevious(); }, 5000));
        QVERIFY(!chart->legendTexts().contains(QStringLiteral("previous run: train loss")));
        w.training()->controller()->stop();
        QVERIFY(waitFor([&] { return w.training()->controller()->state() == State::Stopped; }));
        QVERIFY2(messages->text().isEmpty(), qPrintable(messages->text())); // the notice ends with its run

        // Continuing an unchanged run says nothing and draws no previous run.
        QCOMPARE(bar->trainAction()->text(), QStringLiteral("Continue"));
        bar->trainAction()->trigger();
        QCOMPARE(w.training()->controller()->state(), State::Running);
        QVERIFY(!chart->hasPrevious());
        QVERIFY(messages->text().isEmpty());
        w.training()->controller()->stop();
        QVERIFY(waitFor([&] { return w.training()->controller()->state() == State::Stopped; }));
    }

    // Point 9: the Judge draws one ROC curve per class against the rest for three classes (it was an
    // empty diagonal), each named with its class and AUC.
    void threeClassesGetOneVsRestRocCurves() {
        QTemporaryDir dir;
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndLoad(w, irisProject(dir)));
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        auto* judge = w.findChild<widgets::views::JudgeView*>();
        w.tabs()->setCurrentWidget(judge);
        QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
        const QStringList names = judge->curveNames();
        QVERIFY2(names.size() == 4, qPrintable(names.join(QStringLiteral(" | "))));
        for (const char* cls : {"setosa", "versicolor", "virginica"})
            QVERIFY2(names.filter(QStringLiteral("%1 (AUC ").arg(QLatin1String(cls))).size() == 1, qPrintable(names.join(" | ")));
        QVERIFY2(judge->curveTitle().startsWith(QStringLiteral("ROC one-vs-rest, mean AUC 0.")) ||
                     judge->curveTitle() == QStringLiteral("ROC one-vs-rest, mean AUC 1.000"),
                 qPrintable(judge->curveTitle()));
        // The legend lists the three classes beside the plot (along the bottom they were elided).
        // (The markers become visible once the chart has laid them out.)
        QVERIFY2(waitFor([&] { return judge->legendLabels().size() == 3; }, 5000), qPrintable(judge->legendLabels().join(" | ")));
        const QStringList legend = judge->legendLabels();
        QVERIFY2(!legend.contains(QStringLiteral("chance")), qPrintable(legend.join(" | ")));
        QCOMPARE(judge->legendAlignment(), Qt::AlignRight);
    }

    // Point 9: in the dark theme the Train icon is drawn light (the style's dark glyph vanished)
    // and the Judge's chart panel follows the theme instead of staying white.
    void darkThemeIconsAndChartsFollowTheTheme() {
        MainWindow w(nullptr, m_recovery.path());
        auto& theme = widgets::style::Theme::instance();
        theme.apply(widgets::style::Theme::Kind::Dark);
        auto* bar = w.findChild<widgets::panels::TrainingBar*>();
        const QImage icon = bar->trainAction()->icon().pixmap(16, 16).toImage();
        const QColor window = theme.color(QStringLiteral("window"));
        int visible = 0;
        for (int y = 0; y < icon.height(); ++y)
            for (int x = 0; x < icon.width(); ++x) {
                const QColor px = icon.pixelColor(x, y);
                if (px.alpha() > 128 && std::abs(px.lightness() - window.lightness()) > 60) ++visible;
            }
        QVERIFY2(visible > 20, qPrintable(QString::number(visible)));
        auto* judge = w.findChild<widgets::views::JudgeView*>();
        auto* view = judge->findChild<QChartView*>();
        QCOMPARE(view->chart()->backgroundBrush().color(), theme.color(QStringLiteral("base")));
        theme.apply(widgets::style::Theme::Kind::Light);
        QCOMPARE(view->chart()->backgroundBrush().color(), theme.color(QStringLiteral("base")));
    }

    // Point 9: the Model tab's drawing says as many inputs as the Design tab (it said "3 col. → 16",
    // the first hidden layer's width, where the text said 8 inputs).
    void modelTabCountsTheInputsLikeTheDesignTab() {
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kNba));
        setEpochs(w, 1);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        auto* model = w.findChild<widgets::views::ModelView*>();
        QPushButton* useTrained = nullptr;
        for (auto* b : model->findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("Trained"))) useTrained = b;
        QVERIFY(useTrained && useTrained->isEnabled());
        useTrained->click();
        QVERIFY(waitFor([&] { return !model->summary().isEmpty(); }));
        widgets::canvas::NetworkScene* design = nullptr;
        widgets::canvas::NetworkScene* drawn = nullptr;
        for (auto* scene : w.findChildren<widgets::canvas::NetworkScene*>()) (model->isAncestorOf(qobject_cast<QWidget*>(scene->views().value(0))) ? drawn : design) = scene;
        QVERIFY(design && drawn);
        const QString expected = inputDetail(design);
        QVERIFY2(expected.contains(QStringLiteral("→")), qPrintable(expected)); // the shooter factor widens the input
        QCOMPARE(inputDetail(drawn), expected);
    }

    // Point 9: after shrinking and enlarging the window, the loss dock's labels stayed "…".
    void lossDockLabelsComeBackAfterResizing() {
        MainWindow w(nullptr, m_recovery.path());
        w.resize(1400, 900);
        w.show();
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 8);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        auto* chart = w.findChild<widgets::charts::LossChart*>(QStringLiteral("lossChart"));
        auto texts = [&] {
            QStringList out;
            for (auto* item : chart->scene()->items())
                if (auto* t = dynamic_cast<QGraphicsTextItem*>(item); t && t->isVisible()) out << t->toPlainText();
            out.sort();
            return out;
        };
        QTest::qWait(100);
        const QStringList before = texts();
        for (const QSize s : {QSize(420, 300), QSize(700, 500), QSize(300, 200)}) {
            w.resize(s);
            QTest::qWait(100);
        }
        w.resize(1400, 900);
        QTest::qWait(200);
        const QStringList after = texts();
        QVERIFY2(after.filter(QStringLiteral("...")).isEmpty() && after.filter(QStringLiteral("…")).isEmpty(),
                 qPrintable(after.join(QStringLiteral(" | "))));
        QCOMPARE(after, before);
    }

    // Point 10: reopening a project with a kept run fills the Judge, the map, Inside, the metric's
    // legend and its baseline from that run (they were empty or "validation metric"), with the very
    // weights kept, and without marking the project modified.
    void reopeningRefillsTheViewsFromTheKeptRun() {
        QTemporaryDir dir;
        for (const char* f : {"noisy-bases.layerlab", "noisy-bases.csv"})
            QVERIFY(QFile::copy(QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/") + f, dir.filePath(f)));
        const QString path = dir.filePath(QStringLiteral("noisy-bases.layerlab"));
        std::vector<float> kept;
        QString verdict;
        {
            MainWindow w(nullptr, m_recovery.path());
            QVERIFY(openAndLoad(w, path));
            setEpochs(w, 6);
            auto* c = w.training()->controller();
            QVERIFY(w.training()->train());
            QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
            kept = w.session()->document()->run()->model.parameters;
            auto* judge = w.findChild<widgets::views::JudgeView*>();
            w.tabs()->setCurrentWidget(judge);
            QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
            verdict = judge->flagText();
            QString error;
            QVERIFY2(w.session()->document()->save(path, &error), qPrintable(error));
        }
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QVERIFY(openAndLoad(w, path));
        auto* c = w.training()->controller();
        QVERIFY2(waitFor([&] { return c->state() == State::Finished; }, 20000), qPrintable(c->restoreError()));
        QVERIFY(c->isRestored());
        QVERIFY(!w.session()->document()->isModified());
        QCOMPARE(c->model()->parameters, kept);
        auto* chart = w.findChild<widgets::charts::LossChart*>(QStringLiteral("lossChart"));
        QVERIFY(waitFor([&] { return chart->legendTexts().contains(QStringLiteral("validation accuracy")); }, 5000));
        QVERIFY2(chart->legendTexts().contains(QStringLiteral("accuracy of a model that learned nothing")),
                 qPrintable(chart->legendTexts().join(QStringLiteral(" | "))));
        QCOMPARE(chart->pointsShown(QStringLiteral("train loss")), 6);
        auto* judge = w.findChild<widgets::views::JudgeView*>();
        w.tabs()->setCurrentWidget(judge);
        QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
        QCOMPARE(judge->flagText(), verdict); // the same weights on the same rows: the same verdict
        auto* map = w.findChild<widgets::views::DecisionMapView*>();
        w.tabs()->setCurrentWidget(map);
        QVERIFY(waitFor([&] { return !map->image().isNull(); }, 10000));
        auto* inside = w.findChild<widgets::views::LayerActivityView*>();
        w.tabs()->setCurrentWidget(inside->parentWidget() ? inside->parentWidget() : inside);
        QVERIFY(waitFor([&] { return !inside->heatmap().isNull(); }, 10000));
        // Train starts a new run; its end is kept as usual.
        QVERIFY(w.training()->train());
        QVERIFY(!c->isRestored());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        QVERIFY(w.session()->document()->isModified());

        // The data changed under the kept run: the views stay empty and the message says why.
        {
            QFile csv(dir.filePath(QStringLiteral("noisy-bases.csv")));
            QVERIFY(csv.open(QIODevice::ReadOnly));
            QByteArray text = csv.readAll();
            csv.close();
            const int cut = text.indexOf('\n', text.size() / 2);
            QVERIFY(csv.open(QIODevice::WriteOnly | QIODevice::Truncate));
            csv.write(text.left(cut + 1));
        }
        MainWindow changed(nullptr, m_recovery.path());
        changed.show();
        QVERIFY(openAndLoad(changed, path));
        QVERIFY(waitFor([&] { return !changed.training()->controller()->restoreError().isEmpty(); }, 20000));
        QCOMPARE(changed.training()->controller()->state(), State::Idle);
        QVERIFY(changed.findChild<widgets::MessageBar*>()->text().contains(QStringLiteral("kept run cannot be shown")));
    }

    // Point 6: before anything is trained, the Model tab says which formats the design exports to,
    // and why not, in the export's own words (a date input: ONNX and the C header cannot read it).
    void modelTabSaysWhichFormatsTheDesignExportsTo() {
        QTemporaryDir dir;
        {
            QFile csv(dir.filePath(QStringLiteral("days.csv")));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("day,x,label\n");
            for (int i = 0; i < 60; ++i)
                csv.write(QStringLiteral("2021-%1-%2,%3,%4\n")
                              .arg(1 + i % 12, 2, 10, QLatin1Char('0'))
                              .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                              .arg(i * 0.37)
                              .arg(i % 3 ? QStringLiteral("a") : QStringLiteral("b"))
                              .toUtf8());
        }
        const QString project = dir.filePath(QStringLiteral("days.layerlab"));
        {
            QFile f(project);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"json({"format": "layerlab.project", "version": 1, "name": "days",
  "data": {"path": "days.csv", "target": "label", "validation": 0.2, "test": 0},
  "network": {"format": "layerlab.network", "version": 1, "layers": [
      {"type": "dense", "id": 1, "units": 4}, {"type": "activation", "id": 2, "function": "relu"},
      {"type": "dense", "id": 3, "units": 0}]},
  "training": {"loss": "bce", "optimizer": "adam", "lr": 0.01, "batch": 16, "epochs": 3, "seed": 1}})json");
        }
        MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, project));
        auto* model = w.findChild<widgets::views::ModelView*>();
        QVERIFY(waitFor([&] { return !model->designExports().isEmpty(); }, 10000));
        const QString text = model->designExports();
        QVERIFY2(text.contains(QStringLiteral("✖ ONNX: ")) && text.contains(QStringLiteral("✖ C header: ")) &&
                     text.contains(QStringLiteral("✔ JSON")) && text.contains(QStringLiteral("day")),
                 qPrintable(text));
        QVERIFY(w.training()->controller()->state() == State::Idle); // nothing trained
        QVERIFY(!model->isDrawingShown()); // no "Input: no data yet" drawing before there is a model

        // Leaving the date out makes the design exportable everywhere.
        auto state = w.session()->document()->state();
        state.data.inputs = {"x"};
        w.session()->document()->edit(state, QStringLiteral("inputs"));
        QVERIFY2(waitFor([&] { return !model->designExports().contains(QStringLiteral("✖")); }, 10000), qPrintable(model->designExports()));
        QVERIFY(model->designExports().contains(QStringLiteral("✔ ONNX")));

        // An all-numeric sample exports everywhere.
        QVERIFY(openAndLoad(w, kO2));
        QVERIFY(waitFor([&] { return model->designExports().contains(QStringLiteral("✔ ONNX")); }, 10000));
        QVERIFY(!model->designExports().contains(QStringLiteral("✖")));
    }

    // Point 8: one neuron can be inspected. Input neurons are named by column and factor level; a
    // click on a neuron shows it beside the network with its own map (large), its value on the
    // sample row and its incoming weights by size; Inside lists the canvas's layers (not the
    // spec's Dense / Activation split) and shows the one selected, even if selected before the run.
    void oneNeuronCanBeInspected() {
        MainWindow w(nullptr, m_recovery.path());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openAndLoad(w, kNba));
        widgets::canvas::CanvasView* canvas = nullptr; // the Design tab's, not the Model tab's
        for (auto* v : w.findChildren<widgets::canvas::CanvasView*>())
            if (v->scene() == w.findChild<widgets::canvas::NetworkScene*>() || (!canvas && v->isVisible())) canvas = v;
        QVERIFY(canvas && canvas->isVisible());
        auto* scene = qobject_cast<widgets::canvas::NetworkScene*>(canvas->scene());
        QVERIFY(scene);
        auto* input = scene->itemFor(0); // valid until the scene rebuilds its items (the run's results)
        QVERIFY(input);
        const QStringList names = input->look().neuronNames;
        QCOMPARE(names.size(), input->look().units);
        QVERIFY2(names.contains(QStringLiteral("x")) && names.contains(QStringLiteral("y")), qPrintable(names.join('|')));
        QVERIFY2(!names.filter(QStringLiteral("shooter=")).isEmpty(), qPrintable(names.join('|')));

        // The second hidden layer is selected before anything is trained.
        const auto& nodes = w.session()->graph()->nodes();
        QCOMPARE(int(nodes.size()), 3);
        const int first = nodes[0].id, second = nodes[1].id;
        scene->selectLayer(second);
        setEpochs(w, 3);
        auto* c = w.training()->controller();
        QVERIFY(w.training()->train());
        QVERIFY(waitFor([&] { return c->state() == State::Finished; }, 60000));
        QVERIFY(waitFor([&] { return !scene->activity().maps.value(first).isEmpty() && !scene->activity().weights.value(first).empty(); }, 20000));

        // Inside: the canvas's three layers, the selected second one shown.
        auto* inside = w.findChild<widgets::views::LayerActivityView*>();
        auto* combo = inside->findChild<QComboBox*>();
        QVERIFY(waitFor([&] { return combo->count() == 3; }, 10000));
        QVERIFY2(combo->currentText().startsWith(QStringLiteral("2. Dense")), qPrintable(combo->currentText()));

        // Click neuron 3 of the first hidden layer, where the user sees it.
        auto* item = scene->itemFor(first);
        const QPoint at = canvas->mapFromScene(item->mapToScene(item->neuronPos(2)));
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, at);
        auto* panel = w.findChild<widgets::views::NeuronView*>();
        QVERIFY(panel && panel->isVisible());
        QVERIFY(waitFor([&] { return panel->detail().layerId == first && panel->detail().neuron == 2; }, 5000));
        QCOMPARE(item->chosenNeuron(), 2);
        QVERIFY2(panel->titleText().contains(QStringLiteral("neuron 3")), qPrintable(panel->titleText()));
        QVERIFY2(panel->valueText().contains(QStringLiteral("on the sample row")), qPrintable(panel->valueText()));
        QCOMPARE(panel->mapImage().size(), QSize(widgets::views::NeuronView::kMapPixels, widgets::views::NeuronView::kMapPixels));
        const QStringList rows = panel->weightRows();
        QCOMPARE(rows.size(), std::min(int(names.size()), widgets::views::NeuronView::kMaxWeights));
        double last = 1e9;
        for (const QString& r : rows) { // largest first, each named by the input it comes from
            const double v = std::abs(r.section(QStringLiteral(": "), -1).toDouble());
            QVERIFY2(v <= last + 1e-9, qPrintable(rows.join('|')));
            last = v;
            QVERIFY2(names.contains(r.section(QStringLiteral(": "), 0, -2)), qPrintable(r));
        }
        // The weight shown is the model's: row j, column 3 of the first layer's matrix.
        const auto& weights = scene->activity().weights.value(first);
        const auto& in = panel->detail().incoming;
        QCOMPARE(int(in.size()), int(names.size()));
        QCOMPARE(in[1].weight, weights[1 * 16 + 2]);

        // An input neuron: named, no incoming weights.
        input = scene->itemFor(0); // the scene rebuilds its items as the run's results come in
        const QPoint inputAt = canvas->mapFromScene(input->mapToScene(input->neuronPos(0)));
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, inputAt);
        QVERIFY(waitFor([&] { return panel->detail().layerId == 0; }, 5000));
        QVERIFY2(panel->titleText().contains(names[0].toHtmlEscaped()), qPrintable(panel->titleText()));
        QVERIFY(panel->weightRows().isEmpty());

        // A neuron of a layer whose width is then edited: the panel follows the edit (tour: it
        // kept "Dense · 16" after the layer became 24 wide).
        scene->chooseNeuron(first, 2);
        QVERIFY(waitFor([&] { return panel->detail().layerId == first && panel->detail().neuron == 2; }, 5000));
        QVERIFY2(panel->titleText().contains(QStringLiteral("16")), qPrintable(panel->titleText()));
        auto node = w.session()->graph()->nodes()[0];
        node.units = 24;
        w.session()->graph()->replace(first, node);
        // At once, with the canvas: not only when the next values happen to arrive.
        QVERIFY2(panel->titleText().contains(QStringLiteral("24")), qPrintable(panel->titleText()));
    }

    // Point 7: a sample opens at a speed at which its run can be watched (about 20 s: its settings
    // finished in under a second at full speed); a project of the user's own at full speed. The
    // run follows the bar's choice.
    void samplesOpenAtAWatchableSpeed() {
        MainWindow w(nullptr, m_recovery.path());
        auto* bar = w.findChild<widgets::panels::TrainingBar*>();
        QVERIFY(openAndLoad(w, kNba)); // 60 epochs: 3 a second
        QCOMPARE(bar->pace(), 3.0);
        QCOMPARE(w.training()->controller()->pace(), 3.0);
        auto* pace = bar->findChild<QComboBox*>(QStringLiteral("trainingPace"));
        QVERIFY(pace && pace->currentText() == QStringLiteral("3 epochs/s"));
        pace->setCurrentIndex(pace->findData(1.0));
        QCOMPARE(w.training()->controller()->pace(), 1.0);
        // The user's own project (a copy outside the samples folder) trains at full speed.
        QTemporaryDir dir;
        for (const char* f : {"noisy-bases.layerlab", "noisy-bases.csv"})
            QVERIFY(QFile::copy(QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/") + f, dir.filePath(f)));
        QVERIFY(openAndLoad(w, dir.filePath(QStringLiteral("noisy-bases.layerlab"))));
        QCOMPARE(bar->pace(), 0.0);
        QCOMPARE(w.training()->controller()->pace(), 0.0);
    }

    // Point 4: a project whose data file moved says so and offers to locate it; once found, the
    // data loads and the error clears.
    void aMovedDataFileCanBeLocated() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("elsewhere")));
        for (const char* f : {"noisy-bases.layerlab", "noisy-bases.csv"})
            QVERIFY(QFile::copy(QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/") + f, dir.filePath(f)));
        const QString moved = dir.filePath(QStringLiteral("elsewhere/bases.csv"));
        QVERIFY(QFile::rename(dir.filePath(QStringLiteral("noisy-bases.csv")), moved));
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        QSignalSpy shown(&w, &MainWindow::projectShown);
        w.openProject(dir.filePath(QStringLiteral("noisy-bases.layerlab")));
        QVERIFY(shown.wait(10000));
        auto* messages = w.findChild<widgets::MessageBar*>();
        QVERIFY(waitFor([&] { return !messages->actionText().isEmpty(); }, 10000));
        QVERIFY2(messages->text().contains(QStringLiteral("noisy-bases.csv")), qPrintable(messages->text()));
        QCOMPARE(messages->actionText(), QStringLiteral("&Locate…"));
        QVERIFY(!w.session()->table());
        // Locate… opens a file dialog; the user picks the moved file.
        QTimer picker;
        picker.setInterval(100);
        QObject::connect(&picker, &QTimer::timeout, [&picker, moved] {
            for (auto* top : QApplication::topLevelWidgets())
                if (auto* dialog = qobject_cast<QFileDialog*>(top); dialog && dialog->isVisible()) {
                    picker.stop();
                    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
                    if (!name) return dialog->reject();
                    name->setText(moved);
                    QTest::keyClick(name, Qt::Key_Return);
                }
        });
        picker.start();
        messages->actionButton()->click();
        QVERIFY(waitFor([&] { return w.session()->table() && w.session()->analysis(); }, 20000));
        QCOMPARE(w.session()->document()->dataPath(), moved);
        QVERIFY(waitFor([&] { return messages->text().isEmpty(); }, 5000));
        QVERIFY(w.session()->document()->isModified()); // the new place is an edit, saved with the project
    }
};

QTEST_MAIN(TestRunViews)
#include "test_run_views.moc"
