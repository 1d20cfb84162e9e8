// What watching costs: the same training run headless (BackgroundRun with nobody looking, as
// layerlab-cli trains) and in the real window with every live view working (chart, activations
// on the canvas, layer heatmap, decision map with neuron maps, judge), alternating which goes
// first, REPEATS pairs; the ratio is the median of the pairs' ratios (run-to-run noise on a shared
// 2-core machine is ±15 %, more than the effect; pairing cancels the drift). A 5 ms timer runs in
// both arms and measures how late the GUI event loop runs while the window trains (99th
// percentile). Then Stop latency on the largest benchmark net (1024-2048-2048-10, batch 256).
// Prints one JSON line per figure.     bench_live_views [REPEATS] [EPOCHS] [HIDDEN, e.g. 64,64]
#include "MainWindow.h"
#include "ProjectSession.h"
#include "document/ProjectDocument.h"
#include "project/Project.h"
#include "training/LiveInspector.h"
#include "training/TrainingActions.h"
#include "training/TrainingController.h"
#include "train/BackgroundRun.h"
#include "views/DecisionMapView.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <string>
#include <cstdio>
#include <thread>
#include <vector>

using namespace layerlab;
using namespace std::chrono_literals;

namespace {

const char* kProject = LAYERLAB_SOURCE_DIR "/samples/o4-nba-shots/shots-xy.layerlab";
std::vector<int> g_hidden{64, 64};

std::string hiddenName() {
    std::string s = "nba-xy ";
    for (std::size_t i = 0; i < g_hidden.size(); ++i) s += (i ? "-" : "") + std::to_string(g_hidden[i]);
    return s + " relu";
}

engine::project::Project benchProject(int epochs) {
    auto p = engine::project::Project::load(kProject);
    p.training.epochs = epochs;
    p.training.patience = 0; // the same number of epochs in both runs
    p.network = engine::nn::NetworkSpec::mlp(0, g_hidden, engine::nn::Activation::Relu, 0);
    return p;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

/// Samples per second of training (epoch reports' own timing: pauses and evaluation excluded).
double rate(const engine::train::RunHistory& h) {
    double samples = 0, seconds = 0;
    for (const auto& e : h.epochs) {
        if (e.samplesPerSecond <= 0) continue;
        samples += 1.0; // equal epochs: the harmonic mean of the epochs' rates
        seconds += 1.0 / e.samplesPerSecond;
    }
    return seconds > 0 ? samples / seconds : 0.0;
}

/// The probe that measures event-loop lateness; it runs in both arms, so its own cost is shared.
struct Probe {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = -1;
    int ms = 5;
    std::vector<double>* late = nullptr;
    explicit Probe(std::vector<double>* out) : late(out) {
        ms = qEnvironmentVariableIsSet("LAYERLAB_BENCH_PROBE_MS") ? qEnvironmentVariableIntValue("LAYERLAB_BENCH_PROBE_MS") : 5;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(ms);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed();
            if (last >= 0 && late) late->push_back(std::max(0.0, double(now - last) / 1e6 - ms));
            last = now;
        });
        clock.start();
        timer.start();
    }
};

double headless(int epochs) {
    auto project = benchProject(epochs);
    project.file = kProject; // the data path is relative to it
    engine::train::BackgroundRun run([project] {
        return std::make_shared<engine::train::Experiment>(engine::project::experimentConfig(project));
    });
    // Nobody looking: the GUI thread only polls for the end, as the CLI's main thread waits.
    engine::train::RunHistory h;
    Probe probe(nullptr);
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (auto* m = run.monitor()) h.append(m->take().fresh);
        if (run.finished()) loop.quit();
    });
    poll.start(33);
    loop.exec();
    h.append(run.monitor()->take().fresh);
    return rate(h);
}

struct Watched {
    double rate = 0;
    std::vector<double> lateMs;
};

Watched watched(app::MainWindow& w, int epochs) {
    auto* doc = w.session()->document();
    auto state = doc->state();
    state.training.epochs = epochs;
    state.training.patience = 0;
    doc->edit(state, QStringLiteral("epochs"));
    auto* training = w.training();
    auto* c = training->controller();
    // Every view at work at once: canvas activations, neuron maps, the map and the judge.
    auto* inspector = training->inspector();
    Watched out;
    c->reset();
    if (!training->train()) return out;
    // LAYERLAB_BENCH_JOBS picks the views (a = activations, m = map, v = judge; default all): to
    // find which one costs what.
    const QByteArray jobs = qEnvironmentVariableIsSet("LAYERLAB_BENCH_JOBS") ? qgetenv("LAYERLAB_BENCH_JOBS") : QByteArray("amv");
    auto want = [&] {
        inspector->setWanted(app::training::LiveInspector::Job::Activity, jobs.contains('a'));
        inspector->setWanted(app::training::LiveInspector::Job::Map, jobs.contains('m'));
        inspector->setWanted(app::training::LiveInspector::Job::Verdict, jobs.contains('v'));
    };
    want();
    Probe probe(&out.lateMs);
    // A real event loop, as exec() runs it: it sleeps when there is nothing to do.
    QEventLoop loop;
    QObject::connect(c, &app::training::TrainingController::stateChanged, &loop, [&] {
        if (!c->isActive()) loop.quit();
    });
    if (c->isActive()) loop.exec();
    out.rate = rate(c->history());
    return out;
}

double stopLatencyMs() {
    // The largest benchmark net on random data: stop 1.5 s into training.
    auto csv = std::make_shared<QTemporaryDir>();
    const std::string path = csv->filePath("wide.csv").toStdString();
    {
        FILE* f = std::fopen(path.c_str(), "w");
        for (int c = 0; c < 1024; ++c) std::fprintf(f, "x%d,", c);
        std::fprintf(f, "label\n");
        engine::Rng rng(7);
        for (int r = 0; r < 2048; ++r) {
            for (int c = 0; c < 1024; ++c) std::fprintf(f, "%.3f,", rng.uniform());
            std::fprintf(f, "c%d\n", r % 10);
        }
        std::fclose(f);
    }
    engine::train::ExperimentConfig config;
    config.dataPath = path;
    config.data.target = "label";
    config.network = engine::nn::NetworkSpec::mlp(0, {2048, 2048}, engine::nn::Activation::Relu, 0);
    config.settings.batchSize = 256;
    config.settings.epochs = 1000;
    config.data.validation = 0.5; // a large validation set: the epoch-end evaluation must stop too
    auto experiment = std::make_shared<engine::train::Experiment>(config);
    double worst = 0;
    for (int i = 0; i < 3; ++i) {
        engine::train::BackgroundRun run([experiment] { return experiment; });
        std::this_thread::sleep_for(std::chrono::milliseconds(700 + 400 * i));
        QElapsedTimer t;
        t.start();
        run.requestStop();
        while (!run.finished()) std::this_thread::sleep_for(100us);
        worst = std::max(worst, double(t.nsecsElapsed()) / 1e6);
    }
    return worst;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 3;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 15;
    if (argc > 3) {
        g_hidden.clear();
        for (const auto& part : QString::fromUtf8(argv[3]).split(QLatin1Char(','))) g_hidden.push_back(part.toInt());
    }
    QTemporaryDir recovery;
    app::MainWindow w(nullptr, recovery.path());
    w.resize(1280, 800);
    if (!qEnvironmentVariableIsSet("LAYERLAB_BENCH_HIDDEN")) w.show();
    w.openProject(QString::fromUtf8(kProject));
    QDeadlineTimer deadline(30000);
    while (!(w.session()->analysis() && w.session()->table()) && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    auto project = benchProject(epochs);
    w.session()->document()->reset(project, QString::fromUtf8(kProject));
    deadline.setRemainingTime(30000);
    while (!(w.session()->analysis() && w.session()->table()) && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    w.tabs()->setCurrentWidget(w.findChild<widgets::views::DecisionMapView*>(QStringLiteral("decisionMap")));

    std::vector<double> plain, viewed, ratios, late;
    for (int i = 0; i < repeats; ++i) {
        // Alternate which goes first, so drift (clock, caches, the other tenant) does not favour one.
        Watched wv;
        if (i % 2) {
            wv = watched(w, epochs);
            plain.push_back(headless(epochs));
        } else {
            plain.push_back(headless(epochs));
            wv = watched(w, epochs);
        }
        viewed.push_back(wv.rate);
        ratios.push_back(plain.back() > 0 ? wv.rate / plain.back() : 0.0);
        std::fprintf(stderr, "run %d: headless %.0f, with views %.0f samples/s\n", i + 1, plain.back(), wv.rate);
        late.insert(late.end(), wv.lateMs.begin(), wv.lateMs.end());
    }
    std::sort(late.begin(), late.end());
    const double p99 = late.empty() ? 0.0 : late[std::min(late.size() - 1, std::size_t(0.99 * double(late.size())))];
    const double h = median(plain), v = median(viewed);
    std::printf("{\"bench\":\"live_views\",\"net\":\"%s\",\"headless_samples_per_s\":%.0f,\"with_views_samples_per_s\":%.0f,\"ratio\":%.3f}\n", hiddenName().c_str(), h, v, median(ratios));
    std::printf("{\"bench\":\"event_loop\",\"p99_late_ms\":%.2f,\"max_late_ms\":%.2f,\"ticks\":%zu}\n", p99, late.empty() ? 0.0 : late.back(), late.size());
    std::fflush(stdout);
    if (argc > 4) return 0; // "nostop": the Stop figure only once per invocation set
    std::printf("{\"bench\":\"stop_latency\",\"net\":\"1024-2048-2048-10 relu, batch 256\",\"worst_ms\":%.1f}\n", stopLatencyMs());
    return 0;
}
