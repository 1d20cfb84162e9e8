// Issue 19, point 1: what the window shows belongs to the current project. A tour as a new user
// takes it — every sample opened in turn and trained a little with the live views watched, then a
// CSV as a new project — and after each switch no label, combo box, legend, title, header or
// canvas text may still name a column of the previous project. Plus the cases seen one by one:
// the map's axes, the recurrent state on Inside, the forecast baseline's legend entry, the ROC
// title after Reset, the sample row.
#include "GuiTestSupport.h"
#include "FileActions.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "ProjectSession.h"
#include "charts/LossChart.h"
#include "document/ProjectDocument.h"
#include "panels/TrainingBar.h"
#include "training/LiveInspector.h"
#include "training/TrainingActions.h"
#include "training/TrainingController.h"
#include "views/DecisionMapView.h"
#include "views/JudgeView.h"
#include "views/SequenceStateView.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChartView>

using namespace layerlab;
using app::MainWindow;
using State = app::training::TrainingController::State;

namespace {

const QString kSamples = QStringLiteral(LAYERLAB_SOURCE_DIR "/samples/");
const QString kIris = QStringLiteral(LAYERLAB_SOURCE_DIR "/tests/fixtures/data/iris.csv");

using layerlab::tests::openAndLoad;
using layerlab::tests::waitFor;

QStringList columnsOf(MainWindow& w) {
    QStringList names;
    if (const auto t = w.session()->analysis() ? w.session()->analysis()->table : nullptr)
        for (const auto& n : t->columnNames()) names << QString::fromStdString(n);
    return names;
}

// Every text the workbench shows, split in exact items (combo entries, headers: a column name is
// the whole item) and free text (labels, titles, legends, canvas labels).
struct Shown {
    QStringList items, text;
};

Shown shownTexts(QWidget* root) {
    Shown s;
    for (auto* c : root->findChildren<QComboBox*>())
        for (int i = 0; i < c->count(); ++i) s.items << c->itemText(i);
    for (auto* t : root->findChildren<QTableView*>()) {
        if (!t->model()) continue;
        for (int c = 0; c < t->model()->columnCount(); ++c) s.items << t->model()->headerData(c, Qt::Horizontal).toString();
        for (int r = 0; r < t->model()->rowCount(); ++r) s.items << t->model()->headerData(r, Qt::Vertical).toString();
    }
    for (auto* l : root->findChildren<QLabel*>()) s.text << l->text();
    for (auto* b : root->findChildren<QAbstractButton*>()) s.text << b->text();
    for (auto* g : root->findChildren<QGroupBox*>()) s.text << g->title();
    for (auto* v : root->findChildren<QChartView*>()) {
        s.text << v->chart()->title();
        for (auto* series : v->chart()->series())
            if (series->isVisible()) s.text << series->name();
        for (auto* axis : v->chart()->axes()) s.text << axis->titleText();
    }
    for (auto* v : root->findChildren<QGraphicsView*>()) {
        if (!v->scene()) continue;
        for (auto* item : v->scene()->items()) {
            if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item)) s.text << t->text();
            if (auto* t = dynamic_cast<QGraphicsTextItem*>(item)) s.text << t->toPlainText();
        }
    }
    return s;
}

Shown windowTexts(MainWindow& w) {
    Shown all = shownTexts(w.tabs());
    if (auto* chart = w.findChild<QWidget*>(QStringLiteral("lossChart"))) {
        const Shown dock = shownTexts(chart->parentWidget());
        all.items << dock.items;
        all.text << dock.text;
    }
    return all;
}

// Mentions of the previous project's column names that the same project, opened in a fresh
// window, does not show: what the toured window carried over.
QStringList staleMentions(MainWindow& w, MainWindow& fresh, const QStringList& previous) {
    const QStringList now = columnsOf(w);
    const Shown s = windowTexts(w), clean = windowTexts(fresh);
    QStringList found;
    for (const QString& name : previous) {
        if (now.contains(name)) continue;
        const QRegularExpression word(QStringLiteral("(^|[^\\w])") + QRegularExpression::escape(name) + QStringLiteral("($|[^\\w])"));
        for (const QString& item : s.items)
            if (item == name && !clean.items.contains(item)) found << QStringLiteral("item \"%1\"").arg(item);
        // Free text: whole words only, and names of 3+ characters ("a" is in every sentence).
        if (name.size() >= 3)
            for (const QString& t : s.text)
                if (t.contains(word) && !clean.text.contains(t)) found << QStringLiteral("\"%1\" in \"%2\"").arg(name, t.left(120));
    }
    found.removeDuplicates();
    return found;
}

// Trains a short run and looks at every live view, as a user flipping through the tabs would.
void trainAndWatch(MainWindow& w) {
    auto state = w.session()->document()->state();
    state.training.epochs = 2;
    state.training.patience = 0;
    w.session()->document()->edit(state, QStringLiteral("epochs"));
    auto* c = w.training()->controller();
    QVERIFY(w.training()->train());
    for (int tab : {0, 2, 3, 4}) {
        w.tabs()->setCurrentIndex(tab);
        QTest::qWait(150);
    }
    QVERIFY2(waitFor([&] { return c->state() == State::Finished || c->state() == State::Failed; }, 60000),
             qPrintable(QStringLiteral("state %1, epoch %2, %3").arg(int(c->state())).arg(c->epoch()).arg(c->outcome())));
    w.tabs()->setCurrentIndex(4);
    waitFor([&] { return !w.findChild<widgets::views::JudgeView*>()->flag().isEmpty(); }, 5000);
    w.tabs()->setCurrentIndex(3);
    QTest::qWait(300);
}

} // namespace

class TestProjectSwitch : public QObject {
    Q_OBJECT
    QTemporaryDir m_recovery;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tourShowsNothingFromThePreviousProject() {
        MainWindow w(nullptr, m_recovery.path());
        w.resize(1400, 900);
        w.show();
        QStringList previous;
        QString previousPath;
        for (const char* sample : {"o1-alternating/alternating.layerlab", "word-parity/parity-gru.layerlab",
                                   "word-parity/parity-dense.layerlab", "weather-planning/weather-gru.layerlab",
                                   "o4-nba-shots/shots-xy.layerlab", "wide-and-deep/shots-wide-deep.layerlab",
                                   "residual-mlp/residual.layerlab", "o2-noisy-bases/noisy-bases.layerlab"}) {
            const QString path = kSamples + sample;
            QVERIFY2(openAndLoad(w, path), qPrintable(path));
            MainWindow fresh(nullptr, m_recovery.path());
            fresh.resize(w.size());
            fresh.show();
            QVERIFY(openAndLoad(fresh, path));
            const QStringList stale = staleMentions(w, fresh, previous);
            QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("%1 after %2: %3").arg(path, previousPath, stale.join(QStringLiteral("; ")))));
            trainAndWatch(w);
            previous = columnsOf(w);
            previousPath = path;
        }
        // A CSV as a new project.
        w.session()->newFromCsv(kIris);
        QVERIFY(waitFor([&] { return columnsOf(w).contains(QStringLiteral("species")); }, 20000));
        MainWindow fresh(nullptr, m_recovery.path());
        fresh.show();
        fresh.session()->newFromCsv(kIris);
        QVERIFY(waitFor([&] { return columnsOf(fresh).contains(QStringLiteral("species")); }, 20000));
        QTest::qWait(300);
        const QStringList stale = staleMentions(w, fresh, previous);
        QVERIFY2(stale.isEmpty(), qPrintable(stale.join(QStringLiteral("; "))));

        // A broken file last: a PNG renamed .csv is named, and the iris project stays as it was,
        // still showing nothing of the sample before it.
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shots.csv"));
        {
            QFile f(png);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(64, '\0'));
        }
        const auto* table = w.session()->table().get();
        w.session()->newFromCsv(png);
        auto* messages = w.findChild<widgets::MessageBar*>();
        QVERIFY(waitFor([&] { return messages->text().contains(QStringLiteral("PNG")); }, 20000));
        QCOMPARE(w.session()->table().get(), table);
        QVERIFY(columnsOf(w).contains(QStringLiteral("species")));
        const QStringList afterBroken = staleMentions(w, fresh, previous);
        QVERIFY2(afterBroken.isEmpty(), qPrintable(afterBroken.join(QStringLiteral("; "))));
    }

    void eachViewForgetsTheLastProject() {
        MainWindow w(nullptr, m_recovery.path());
        w.show();
        // The map's axes: O1's columns a, b must not be offered for O3.
        QVERIFY(openAndLoad(w, kSamples + "o1-alternating/alternating.layerlab"));
        trainAndWatch(w);
        auto* map = w.findChild<widgets::views::DecisionMapView*>();
        QCOMPARE(map->xColumn(), QStringLiteral("a"));
        QVERIFY(openAndLoad(w, kSamples + "word-parity/parity-gru.layerlab"));
        QVERIFY(map->xColumn().isEmpty());
        QVERIFY(!map->legend().contains(QStringLiteral("\"a\"")));
        // The per-character state of O3-GRU must not stay on Inside for O3-dense.
        trainAndWatch(w);
        w.tabs()->setCurrentIndex(2);
        auto* sequence = w.findChild<widgets::views::SequenceStateView*>();
        QVERIFY(waitFor([&] { return sequence->hasState(); }, 10000));
        QVERIFY(openAndLoad(w, kSamples + "word-parity/parity-dense.layerlab"));
        QVERIFY(!sequence->hasState());
        // O5's "same as the last row" baseline must not stay in O4's legend.
        QVERIFY(openAndLoad(w, kSamples + "weather-planning/weather-gru.layerlab"));
        trainAndWatch(w);
        auto* chart = w.findChild<widgets::charts::LossChart*>();
        QVERIFY(chart->legendTexts().join(' ').contains(QStringLiteral("same as the last row")));
        auto* bar = w.findChild<widgets::panels::TrainingBar*>();
        QVERIFY(bar->sample() > 0); // the first validation day
        QVERIFY(openAndLoad(w, kSamples + "o4-nba-shots/shots-xy.layerlab"));
        QVERIFY(!chart->legendTexts().join(' ').contains(QStringLiteral("same as the last row")));
        QVERIFY(!chart->legendTexts().join(' ').contains(QStringLiteral("accuracy of a model")));
        QCOMPARE(bar->sample(), 0); // the sample row was the last project's
        QCOMPARE(w.training()->inspector()->sampleRow(), std::size_t(0));
        // After Reset the Judge's ROC title goes with its run.
        trainAndWatch(w);
        auto* judge = w.findChild<widgets::views::JudgeView*>();
        w.tabs()->setCurrentIndex(4);
        QVERIFY(waitFor([&] { return !judge->flag().isEmpty(); }, 10000));
        const auto titles = [&] {
            QStringList t;
            for (auto* v : judge->findChildren<QChartView*>()) t << v->chart()->title();
            return t.join(' ');
        };
        QVERIFY(titles().contains(QStringLiteral("AUC")));
        w.training()->controller()->reset();
        QVERIFY(waitFor([&] { return w.training()->controller()->state() == State::Idle; }));
        QVERIFY2(!titles().contains(QStringLiteral("AUC")), qPrintable(titles()));
    }
};

QTEST_MAIN(TestProjectSwitch)
#include "test_project_switch.moc"
