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

#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <thread>

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine;

// The flags sweep itself takes (every other flag is the trials' train flag).
const std::set<std::string> kSweepValued{"grid", "random", "range", "parallel", "out", "threads", "max-trials", "sweep-seed"};
const std::set<std::string> kSweepSwitches{"json"};

struct Outcome {
    Json line;          ///< the trial's JSON line
    double score = NAN; ///< validation loss (test loss without validation rows): lower is better
};

Outcome runTrial(const SweepPlan::Trial& trial, const std::vector<std::string>& base, const std::string& dir, int threads) {
    Json line = Json::object();
    line.set("trial", trial.index);
    Json settings = Json::object();
    for (const auto& [name, value] : trial.settings) settings.set(name, value);
    line.set("settings", std::move(settings));
    std::vector<std::string> args = base;
    for (const auto& [name, value] : trial.settings) {
        args.push_back("--" + name);
        args.push_back(value);
    }
    Json argv = Json::array();
    for (const auto& a : args) argv.push(a);
    line.set("args", std::move(argv)); // `layerlab-cli train ARGS` is this trial
    Outcome out;
    const auto started = std::chrono::steady_clock::now();
    try {
        ArgParser a(trainValuedFlags(), trainSwitches());
        a.parse(args);
        const train::ExperimentConfig config = trainConfig(a);
        tbb::task_arena(threads).execute([&] {
            train::Experiment experiment(config);
            const train::TrainResult result = experiment.train();
            const auto validation = experiment.evaluate(experiment.validationSet());
            const auto test = experiment.evaluate(experiment.testSet());
            experiment.releaseEncodedRows();
            char name[32];
            std::snprintf(name, sizeof name, "trial-%04d.llmodel", trial.index);
            const std::string path = (std::filesystem::path(dir) / name).string();
            model::ModelFile::save(path, experiment.model());
            line.set("seed", std::int64_t(config.settings.seed));
            line.set("stop", stopName(result.reason));
            line.set("epochs", result.epochs);
            line.set("best_epoch", result.bestEpoch);
            line.set("validation", validation.toJson());
            line.set("test", test.toJson());
            line.set("model", path);
            out.score = validation.rows ? validation.loss : test.loss;
        });
    } catch (const std::exception& e) { // UsageError and engine errors alike: this trial failed, the sweep goes on
        line.set("error", std::string(e.what()));
    }
    line.set("seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    out.line = std::move(line);
    return out;
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
    std::mutex said;
    std::atomic<std::size_t> next{0};
    std::vector<Outcome> outcomes(trials.size());
    const auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < trials.size();) {
            outcomes[i] = runTrial(trials[i], base, dir, threads);
            const std::lock_guard lock(said);
            const Json& l = outcomes[i].line;
            if (json) {
                out << l.dump(-1) << '\n';
            } else if (const Json* e = l.find("error")) {
                out << "trial " << trials[i].index << "  " << trials[i].describe() << "  failed: " << e->asString() << '\n';
            } else {
                out << "trial " << trials[i].index << "  " << trials[i].describe() << "  val_loss " << fixed(outcomes[i].score, 5)
                    << "  epochs " << l.at("epochs").asInt("epochs", 0, 1 << 30) << "  " << l.at("model").asString() << '\n';
            }
            out.flush();
        }
    };
    std::vector<std::thread> pool;
    for (int k = 0; k < std::min<int>(parallel, int(trials.size())); ++k) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    // The best trial: the lowest validation loss; ties go to the earlier trial (a fixed answer).
    int best = -1, failed = 0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].line.find("error")) ++failed;
        else if (std::isfinite(outcomes[i].score) && (best < 0 || outcomes[i].score < outcomes[std::size_t(best)].score)) best = int(i);
    }
    if (json) {
        Json f = Json::object();
        f.set("final", true);
        f.set("trials", std::int64_t(trials.size()));
        f.set("failed", failed);
        f.set("by", "val_loss");
        if (best >= 0) f.set("best", outcomes[std::size_t(best)].line);
        out << f.dump(-1) << '\n';
    } else {
        out << trials.size() << " trials, " << failed << " failed";
        if (best >= 0) out << "; best (lowest validation loss): trial " << trials[std::size_t(best)].index << "  " << trials[std::size_t(best)].describe();
        out << '\n';
    }
    return failed == int(trials.size()) ? kInputError : kOk;
}

} // namespace layerlab::app::cli
