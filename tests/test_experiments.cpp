// The Experiments tab driven as a person would (issue 21): vary the learning rate over two
// values, two at a time; a tile and a table row per trial, the best marked, each trial the
// project's run with that rate; a long sweep's running trial killed from its tile and a queued
// one never started; a bad value said, nothing run.
#include "GuiTestSupport.h"
#include "experiments/ExperimentsActions.h"
#include "experiments/SweepController.h"
#include "views/ExperimentsView.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace layerlab;
using namespace layerlab::tests;
using State = engine::train::TrialQueue::State;

namespace {
const QString kO2 = LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab";
QPushButton* button(QWidget* w, const QString& text) {
    for (auto* b : w->findChildren<QPushButton*>())
        if (b->text().remove('&') == text) return b;
    return nullptr;
}
} // namespace

class TestExperiments : public QObject {
    Q_OBJECT
    QTemporaryDir m_recovery;

private Q_SLOTS:
    void aSweepOfTwoRatesFromTheTab() {
        app::MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 3);
        auto* view = w.findChild<widgets::views::ExperimentsView*>();
        QVERIFY(view);
        view->findChild<QComboBox*>("sweepParameter")->setCurrentIndex(0); // learning rate
        view->findChild<QLineEdit*>("sweepValues")->setText("0.01, 0.1");
        view->findChild<QSpinBox*>("sweepParallel")->setValue(2);
        QTest::mouseClick(button(view, "Run sweep"), Qt::LeftButton);
        auto* c = w.experiments()->controller();
        QVERIFY(c->isRunning());
        QVERIFY(waitFor([&] { return !c->isRunning(); }, 60000));
        QCOMPARE(view->tileCount(), 2);
        QVERIFY(button(view, "Run sweep")->isEnabled()); // ready for the next one
        QVERIFY(!button(view, "Kill selected")->isEnabled());
        auto* table = view->findChild<QTableWidget*>("sweepTable");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->horizontalHeaderItem(5)->text(), QStringLiteral("Val accuracy")); // noisy bases: classes
        QCOMPARE(c->labels(), (QStringList{"lr=0.01", "lr=0.1"}));
        for (const auto& t : c->trials()) {
            QCOMPARE(t.state, State::Finished);
            QCOMPARE(int(t.epochs.size()), 3);
        }
        const int best = c->best();
        QVERIFY(best >= 0);
        QVERIFY(view->tile(best)->summary().best);
        QVERIFY(!view->tile(1 - best)->summary().best);
        QVERIFY(c->trials()[0].validation.loss != c->trials()[1].validation.loss); // the rates made a difference
        // The design tab's project was not touched by the sweep.
        QCOMPARE(w.session()->document()->state().training.optimizer.learningRate, engine::project::Project::load(kO2.toStdString()).training.optimizer.learningRate);
    }

    void killFromATileAndABadValue() {
        app::MainWindow w(nullptr, m_recovery.path());
        QVERIFY(openAndLoad(w, kO2));
        setEpochs(w, 100000);
        auto* view = w.findChild<widgets::views::ExperimentsView*>();
        auto* values = view->findChild<QLineEdit*>("sweepValues");
        view->findChild<QComboBox*>("sweepParameter")->setCurrentIndex(2); // seed
        values->setText("1 two");
        QTest::mouseClick(button(view, "Run sweep"), Qt::LeftButton);
        auto* c = w.experiments()->controller();
        QVERIFY(!c->isRunning()); // refused, said
        values->setText("1 2");
        view->findChild<QSpinBox*>("sweepParallel")->setValue(1);
        QTest::mouseClick(button(view, "Run sweep"), Qt::LeftButton);
        QVERIFY(c->isRunning());
        QVERIFY(waitFor([&] { return !c->trials().empty() && !c->trials()[0].epochs.empty(); }));
        QTest::mouseClick(view->tile(1), Qt::LeftButton); // the queued one
        QCOMPARE(view->selectedTrial(), 1);
        QTest::mouseClick(button(view, "Kill selected"), Qt::LeftButton);
        QTest::mouseClick(view->tile(0), Qt::LeftButton);
        QTest::mouseClick(button(view, "Kill selected"), Qt::LeftButton);
        QVERIFY(waitFor([&] { return !c->isRunning(); }, 20000));
        QCOMPARE(c->trials()[0].state, State::Killed);
        QVERIFY(!c->trials()[0].epochs.empty());
        QCOMPARE(c->trials()[1].state, State::Killed);
        QVERIFY(c->trials()[1].epochs.empty());
    }
};

QTEST_MAIN(TestExperiments)
#include "test_experiments.moc"
