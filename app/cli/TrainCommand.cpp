// `layerlab-cli train`: flags and/or a project file -> Experiment -> per-epoch lines -> model file.
#include "ArgParser.h"
#include "Commands.h"
#include "DataFlags.h"
#include "Format.h"
#include "Progress.h"
#include "TrainConfig.h"

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "project/CheckpointFile.h"
#include "project/Project.h"
#include "model/ModelFile.h"
#include "nn/GraphText.h"
#include "nn/Kernels.h"
#include "train/Evaluation.h"
#include "train/Experiment.h"
#include "train/RunDiagnosis.h"

#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <filesystem>
#include <iostream>
#include <ostream>

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine;

// Prints one line per epoch (and a mark when a mid-run settings change applies).
class EpochPrinter final : public train::TrainerObserver {
public:
    /// `checkpoint`: called after each epoch; returns the checkpoint file it wrote, or "".
    EpochPrinter(std::ostream& out, bool json, int epochs, train::LossKind loss, Progress& progress, std::int64_t batches,
                 std::function<std::string(const train::EpochReport&)> checkpoint)
        : m_out(out), m_json(json), m_epochs(epochs), m_metric(train::metricName(loss)), m_progress(progress), m_batches(batches),
          m_checkpoint(std::move(checkpoint)) {}

    void onBatch(const train::BatchReport& r) override { m_progress.batch(r, m_epochs, m_batches); }

    void onEpoch(const train::EpochReport& r) override {
        m_progress.clear();
        m_seen.push_back(r);
        const std::string saved = m_checkpoint ? m_checkpoint(r) : std::string();
        if (m_json) {
            Json j = Json::object();
            j.set("epoch", r.epoch);
            j.set("epochs", m_epochs);
            j.set("step", r.step);
            j.set("train_loss", r.trainLoss);
            j.set("val_loss", r.valLoss);
            j.set("metric", m_metric);
            j.set("val_metric", r.valMetric);
            j.set("val_" + m_metric, r.valMetric);
            j.set("samples_per_s", r.samplesPerSecond);
            j.set("lr", double(r.learningRate));
            if (!saved.empty()) j.set("checkpoint", saved);
            m_out << j.dump(-1) << '\n';
        } else {
            m_out << "epoch " << r.epoch << "/" << m_epochs << "  train_loss " << fixed(r.trainLoss, 5) << "  val_loss "
                  << fixed(r.valLoss, 5) << "  val_" << m_metric << " " << fixed(r.valMetric, 4) << "  samples/s "
                  << fixed(r.samplesPerSecond, 0) << (r.improved ? "  *" : "") << '\n';
            if (!saved.empty()) m_out << "checkpoint " << saved << '\n';
        }
        m_out.flush();
    }

    /// Every epoch printed, for the run's diagnosis at the end.
    const std::vector<train::EpochReport>& epochs() const { return m_seen; }

private:
    std::vector<train::EpochReport> m_seen;
    std::ostream& m_out;
    bool m_json;
    int m_epochs;
    std::string m_metric;
    Progress& m_progress;
    std::int64_t m_batches;
    std::function<std::string(const train::EpochReport&)> m_checkpoint;
};

} // namespace

namespace {
// A column the input screen flagged (train::InputScreen).
bool suspect(const engine::data::ColumnInfo& c) { return !c.leak.empty() || !c.identifiesRows.empty(); }
} // namespace

int runTrain(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a(trainValuedFlags(), trainSwitches());
    a.parse(args);
    const bool json = a.has("json");
    const std::string outPath = a.value("out").value_or("");
    if (a.has("out")) io::checkWritable(outPath); // a typo in --out must not cost a whole training run
    const auto every = a.integer("checkpoint-every", 1, 1 << 30);
    const std::string checkpointDir = a.value("checkpoints").value_or("");
    if (every.has_value() != a.has("checkpoints"))
        throw UsageError("--checkpoint-every K and --checkpoints DIR go together (every K epochs, into DIR)");
    if (!checkpointDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(checkpointDir, ec);
        if (ec) throw FileError(checkpointDir, 0, 0, "cannot create the checkpoint folder: " + ec.message());
        io::checkWritable((std::filesystem::path(checkpointDir) / "epoch-0.llckpt").string());
    }
    std::optional<project::CheckpointFile> resumed;
    const train::ExperimentConfig config = trainConfig(a, &resumed);
    if (a.has("weight-decay") && config.settings.optimizer.kind != train::OptimizerKind::AdamW)
        std::cerr << "layerlab-cli: note: --weight-decay is AdamW's decoupled decay and does nothing with "
                  << train::optimizerName(config.settings.optimizer.kind) << "; use --l2 (or --optimizer adamw)\n";
    const int threads = int(a.integer("threads", 1, 4096).value_or(config.settings.threads));
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    int code = kOk;
    arena.execute([&] {
        const auto started = std::chrono::steady_clock::now();
        Progress progress;
        train::Experiment experiment(config, progress.reading(config.dataPath));
        progress.clear();
        const auto& pre = experiment.preprocessing();
        // The input screen's findings: one line each, on stdout, or on stderr beside --json.
        std::ostream& said = json ? std::cerr : out;
        constexpr int kSaid = 20; // a wide file could flag thousands: name a few, count the rest
        int flagged = 0;
        for (const auto& c : experiment.schema().columns()) {
            if (!suspect(c) || (c.role != data::ColumnRole::Input && !c.screenedOut)) continue;
            if (++flagged > kSaid) continue;
            const std::string& why = c.leak.empty() ? c.identifiesRows : c.leak;
            const char* what = c.leak.empty() ? "identifies rows" : "possible target leak";
            if (c.role == data::ColumnRole::Input)
                said << "warning: input " << c.name << " kept, but " << what << ": " << why << '\n';
            else
                said << "left out " << c.name << ": " << what << ": " << why << " (name it in --inputs to use it anyway)\n";
        }
        if (flagged > kSaid) said << "... and " << flagged - kSaid << " more columns flagged (data inspect --target lists them all)\n";
        if (!json) {
            out << "data " << config.dataPath << ": " << experiment.table().rowCount() << " rows; train "
                << experiment.trainSet().size() << ", validation " << experiment.validationSet().size() << ", test "
                << experiment.testSet().size() << '\n';
            if (experiment.droppedRows()) out << "left out " << experiment.droppedRows() << " rows (missing target or a value set to drop)\n";
            if (experiment.table().paddedRows() + experiment.table().skippedRows())
                out << "ragged rows: " << experiment.table().paddedRows() << " padded, " << experiment.table().skippedRows() << " skipped\n";
            out << "inputs " << describeInputs(pre) << "  target " << pre.target();
            if (!pre.classes().empty()) out << " (" << pre.classes().size() << " classes)";
            out << "  loss " << train::lossName(experiment.config().settings.loss) << '\n';
            for (const auto& c : experiment.schema().columns())
                if (c.role == data::ColumnRole::Ignore && !c.why.empty() && c.why != "not in the input list" && !suspect(c))
                    out << "ignored " << c.name << ": " << c.why << '\n';
            if (config.settings.patience > 0 && experiment.validationSet().size() == 0)
                out << "note: --patience watches the validation loss, and there are no validation rows: early stopping is off\n";
            out << "network " << describe(experiment.network()) << "  threads "
                << tbb::this_task_arena::max_concurrency() << "  tiles " << nn::tileLimit() << "  seed " << config.settings.seed << '\n';
        }
        // A resume puts the run back where its checkpoint left it; any setting changed on the way
        // (other than how many epochs, with a schedule that does not depend on them) makes it a fork.
        Json lineage;
        if (resumed) {
            experiment.trainer().restore(resumed->checkpoint);
            project::Project now = project::CheckpointFile::projectOf(experiment.config());
            project::Project then = resumed->project;
            const bool epochsFree = now.training.schedule.kind == train::ScheduleKind::Constant;
            if (epochsFree) now.training.epochs = then.training.epochs;
            now.training.threads = then.training.threads; // never changes a result
            const bool fork = now.toJson().dump(-1) != then.toJson().dump(-1);
            lineage = Json::object();
            lineage.set("checkpoint", *a.value("resume"));
            lineage.set("epoch", resumed->checkpoint.epoch);
            lineage.set("fork", fork);
            if (!json)
                out << (fork ? "fork of " : "resumed from ") << *a.value("resume") << " at epoch " << resumed->checkpoint.epoch
                    << (fork ? " with changed settings" : "") << '\n';
        }
        const auto writeCheckpoint = [&](const train::EpochReport& r) -> std::string {
            if (!every || r.epoch % *every != 0) return {};
            char name[32];
            std::snprintf(name, sizeof name, "epoch-%04d.llckpt", r.epoch);
            const std::string path = (std::filesystem::path(checkpointDir) / name).string();
            project::CheckpointFile{project::CheckpointFile::projectOf(experiment.config()), experiment.trainer().checkpoint()}.save(path);
            return path;
        };
        const auto batch = std::int64_t(std::max(1, experiment.config().settings.batchSize));
        const auto batches = (std::int64_t(experiment.trainSet().size()) + batch - 1) / batch;
        EpochPrinter printer(out, json, config.settings.epochs, experiment.config().settings.loss, progress, batches, writeCheckpoint);
        const train::TrainResult result = experiment.train(&printer);
        progress.clear();
        const auto validation = experiment.evaluate(experiment.validationSet());
        const auto test = experiment.evaluate(experiment.testSet());
        const std::string diagnosis = train::overfitting(printer.epochs());
        experiment.releaseEncodedRows();
        auto model = experiment.model();
        if (!lineage.isNull()) model.provenance.set(lineage.at("fork").asBool("fork") ? "forked_from" : "resumed_from", lineage);
        if (!outPath.empty()) engine::model::ModelFile::save(outPath, model);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (json) {
            Json j = Json::object();
            j.set("final", true);
            j.set("stop", stopName(result.reason));
            if (!result.message.empty()) j.set("message", result.message);
            j.set("epochs", result.epochs);
            j.set("steps", result.steps);
            j.set("best_epoch", result.bestEpoch);
            Json leftOut = Json::array();
            for (const auto& c : experiment.schema().columns()) {
                if (!suspect(c)) continue;
                Json o = Json::object();
                o.set("name", c.name);
                o.set("input", c.role == data::ColumnRole::Input);
                setScreenFields(o, c);
                leftOut.push(std::move(o));
            }
            j.set("screened", std::move(leftOut));
            if (!diagnosis.empty()) j.set("diagnosis", diagnosis);
            j.set("validation", validation.toJson());
            j.set("test", test.toJson());
            if (!outPath.empty()) j.set("model", outPath);
            if (!lineage.isNull()) j.set(lineage.at("fork").asBool("fork") ? "forked_from" : "resumed_from", lineage);
            j.set("seconds", seconds);
            out << j.dump(-1) << '\n';
        } else {
            if (!result.message.empty()) out << "warning: " << result.message << '\n';
            out << "stopped: " << stopName(result.reason) << " after " << result.epochs << " epochs";
            if (result.bestEpoch) out << " (best validation loss at epoch " << result.bestEpoch << ")";
            out << '\n' << "validation: " << summary(validation) << '\n' << "test:       " << summary(test) << '\n';
            if (!diagnosis.empty()) out << "note: " << diagnosis << '\n';
            if (!outPath.empty()) out << "saved model " << outPath << '\n';
            out << "time " << fixed(seconds, 2) << " s\n";
        }
        if (result.reason == train::StopReason::NonFinite) code = kTrainingFailed;
        // Inputs far outside the training range (or weights that overflow without a NaN loss)
        // can still give non-finite outputs: the metrics count those rows as wrong, and the run
        // must not end as if the model were fine.
        if (const std::size_t bad = validation.nonFinite + test.nonFinite) {
            std::cerr << "layerlab-cli: error: the model's output is not a finite number on " << bad << " of "
                      << validation.rows + test.rows << " held-out rows (counted as wrong in the figures above)\n";
            code = kNonFinite;
        }
    });
    return code;
}

} // namespace layerlab::app::cli
