// `layerlab-cli sweep`: many runs of `train`, each a set of its flags varied over a grid or drawn
// at random, K at a time, each trial in its own task arena (a whole run per worker: the coarse
// parallelism the engine is built for). A trial is exactly `train` with the flags it prints, so
// re-running one alone gives the same model, bit for bit.
#include "ArgParser.h"
#include "Commands.h"
#include "Format.h"
#include "SweepPlan.h"
#include "TrainConfig.h"

#include "core/Error.h"
#include "core/Json.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "train/Experiment.h"
#include "train/TrialQueue.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <ostream>

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine;

// The flags sweep itself takes (every other flag is the trials' train flag).
const std::set<std::string> kSweepValued{"grid", "random", "range", "parallel", "out", "threads", "max-trials", "sweep-seed"};
const std::set<std::string> kSweepSwitches{"json"};

// A trial's JSON line, before it runs: its number, settings and the train flags that are it.
Json trialLine(const SweepPlan::Trial& trial, const std::vector<std::string>& args) {
    Json line = Json::object();
    line.set("trial", trial.index);
    Json settings = Json::object();
    for (const auto& [name, value] : trial.settings) settings.set(name, value);
    line.set("settings", std::move(settings));
    Json argv = Json::array();
    for (const auto& a : args) argv.push(a);
    line.set("args", std::move(argv)); // `layerlab-cli train ARGS` is this trial
    return line;
}

} // namespace

int runSweep(const std::vector<std::string>& args, std::ostream& out) {
    std::set<std::string> valued = trainValuedFlags();
    valued.insert(kSweepValued.begin(), kSweepValued.end());
    std::set<std::string> switches = trainSwitches();
    switches.insert(kSweepSwitches.begin(), kSweepSwitches.end());
    ArgParser a(valued, switches);
    a.parse(args);
    for (const char* own : {"checkpoint-every", "checkpoints", "resume"})
        if (a.has(own)) throw UsageError(std::string("sweep runs whole trials: --") + own + " is train's alone");
    const std::string dir = a.value("out").value_or("");
    if (dir.empty()) throw UsageError("sweep needs --out DIR (each trial's model is written there)");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw FileError(dir, 0, 0, "cannot create the sweep folder: " + ec.message());
    io::checkWritable((std::filesystem::path(dir) / "trial-0000.llmodel").string());
    const int parallel = int(a.integer("parallel", 1, 1024).value_or(1));
    const int threads = int(a.integer("threads", 1, 4096).value_or(1));
    const SweepPlan plan = SweepPlan::from(a.values("grid"), a.values("range"), a.integer("random", 1, 1 << 20),
                                           std::uint64_t(a.integer("sweep-seed", 0, 1LL << 53).value_or(1)),
                                           int(a.integer("max-trials", 1, 1 << 20).value_or(1000)), trainValuedFlags());
    const std::vector<std::string> base = SweepPlan::baseArgs(args, kSweepValued, kSweepSwitches);
    {
        // The base flags must make a run before any trial starts: one bad flag, one clear error.
        ArgParser check(trainValuedFlags(), trainSwitches());
        check.parse(base);
        trainConfig(check);
    }
    const bool json = a.has("json");
    const auto& trials = plan.trials();
    std::vector<Json> lines(trials.size());
    std::vector<double> scores(trials.size(), NAN); // validation loss (test loss without validation rows): lower is better
    std::mutex said;
    const auto report = [&](std::size_t i) {
        const std::lock_guard lock(said);
        const Json& l = lines[i];
        if (json) {
            out << l.dump(-1) << '\n';
        } else if (const Json* e = l.find("error")) {
            out << "trial " << trials[i].index << "  " << trials[i].describe() << "  failed: " << e->asString() << '\n';
        } else {
            out << "trial " << trials[i].index << "  " << trials[i].describe() << "  val_loss " << fixed(scores[i], 5) << "  epochs "
                << l.at("epochs").asInt("epochs", 0, 1 << 30) << "  " << l.at("model").asString() << '\n';
        }
        out.flush();
    };
    // Each trial's config from its flags, as train builds it; one that cannot be built fails alone.
    std::vector<train::ExperimentConfig> configs;
    std::vector<std::size_t> planned; // queue index -> plan index
    for (std::size_t i = 0; i < trials.size(); ++i) {
        std::vector<std::string> targs = base;
        for (const auto& [name, value] : trials[i].settings) {
            targs.push_back("--" + name);
            targs.push_back(value);
        }
        lines[i] = trialLine(trials[i], targs);
        try {
            ArgParser t(trainValuedFlags(), trainSwitches());
            t.parse(targs);
            configs.push_back(trainConfig(t));
            planned.push_back(i);
        } catch (const std::exception& e) {
            lines[i].set("error", std::string(e.what()));
            lines[i].set("seconds", 0.0);
            report(i);
        }
    }
    train::TrialQueue queue(std::move(configs), parallel, threads);
    queue.start([&](std::size_t q, const train::TrialQueue::Trial& t, train::Experiment* experiment) {
        const std::size_t i = planned[q];
        Json& line = lines[i];
        if (experiment) {
            char name[32];
            std::snprintf(name, sizeof name, "trial-%04d.llmodel", trials[i].index);
            const std::string path = (std::filesystem::path(dir) / name).string();
            experiment->releaseEncodedRows();
            model::ModelFile::save(path, experiment->model());
            line.set("seed", std::int64_t(experiment->config().settings.seed));
            line.set("stop", stopName(t.result.reason));
            line.set("epochs", t.result.epochs);
            line.set("best_epoch", t.result.bestEpoch);
            line.set("validation", t.validation.toJson());
            line.set("test", t.test.toJson());
            line.set("model", path);
            scores[i] = t.validation.rows ? t.validation.loss : t.test.loss;
        } else {
            line.set("error", t.error);
        }
        line.set("seconds", t.seconds);
        report(i);
    });
    queue.wait();
    // The best trial: the lowest validation loss; ties go to the earlier trial (a fixed answer).
    int best = -1, failed = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find("error")) ++failed;
        else if (std::isfinite(scores[i]) && (best < 0 || scores[i] < scores[std::size_t(best)])) best = int(i);
    }
    if (json) {
        Json f = Json::object();
        f.set("final", true);
        f.set("trials", std::int64_t(trials.size()));
        f.set("failed", failed);
        f.set("by", "val_loss");
        if (best >= 0) f.set("best", lines[std::size_t(best)]);
        out << f.dump(-1) << '\n';
    } else {
        out << trials.size() << " trials, " << failed << " failed";
        if (best >= 0) out << "; best (lowest validation loss): trial " << trials[std::size_t(best)].index << "  " << trials[std::size_t(best)].describe();
        out << '\n';
    }
    return failed == int(trials.size()) ? kInputError : kOk;
}

} // namespace layerlab::app::cli
