// One training run from a CSV to a model: read the table, split it (seeded), fit preprocessing
// on the training rows, build and initialize the network, train, evaluate, package the Model.
// The CLI and the GUI both drive training through this class, so they cannot drift apart.
//
// Threading: construct and call from one thread (a worker in the GUI). trainer() controls
// (stop/pause/settings) may be called from any thread while train() runs.
#pragma once

#include "Metrics.h"
#include "Trainer.h"
#include "TrainingRows.h"
#include "data/CsvReader.h"
#include "data/Preprocessor.h"
#include "data/Schema.h"
#include "data/Split.h"
#include "data/Table.h"
#include "model/Model.h"

#include <memory>
#include <optional>

namespace layerlab::engine::train {

struct ExperimentConfig {
    std::string dataPath;             ///< resolved (data.path may be relative to a project)
    data::DataSpec data;              ///< columns, derived columns, missing values, split
    nn::NetworkSpec network;          ///< inputs / last width may be 0: taken from the data
    TrainSettings settings;
    /// The loss was not chosen: take it from the target column once the data is read (mse for a
    /// numeric target, ce for classes), as the CLI does when --loss is left out.
    bool lossFromTarget = false;
    /// Encoded rows are held (encoded once) up to this many bytes, or up to the table's own size
    /// when that is larger; a bigger set is encoded batch by batch from the table (issue 18: a
    /// wide file's float copy was twice the file). The figures are the same either way.
    std::uint64_t heldFeatureBytes = std::uint64_t(64) << 20;
};

// targetKindFor and defaultLoss live in TrainingRows.h; a project file's run is
// project::experimentConfig (the project format sits above training: it keeps a run).

class Experiment {
public:
    /// Loads and prepares everything; throws FileError / SpecError with a clear message, or
    /// Cancelled when `progress` asks to stop while the file is read.
    explicit Experiment(ExperimentConfig config, const data::CsvProgress& progress = {});
    /// Same, on a table already in memory.
    Experiment(ExperimentConfig config, data::Table table);
    ~Experiment();

    const ExperimentConfig& config() const { return m_config; }
    const data::Table& table() const { return m_table; }
    const data::Preprocessor& preprocessing() const { return m_pre; }
    const data::Schema& schema() const { return m_schema; }
    /// Rows left out before the split (missing target, or a "drop" policy column missing).
    std::size_t droppedRows() const { return m_dropped; }
    const data::Split& split() const { return m_split; }
    const data::Dataset& trainSet() const { return m_train; }
    const data::Dataset& validationSet() const { return m_validation; }
    const data::Dataset& testSet() const { return m_test; }
    nn::Network& network() { return *m_network; }
    /// The bound spec of the network (fixed once prepared: safe to read while it trains).
    const nn::NetworkSpec& networkSpec() const { return m_network->spec(); }
    Trainer& trainer() { return *m_trainer; }
    const Trainer& trainer() const { return *m_trainer; }

    TrainResult train(TrainerObserver* observer = nullptr);
    /// The network as the run stood at the end of `epoch`, rebuilt by exact replay from a
    /// checkpoint of this run at or before it (the same batches, draws and updates): what a
    /// timeline scrub shows. Before train() only; the network then holds that epoch's weights.
    /// Throws SpecError for a checkpoint after `epoch` or of another design.
    TrainResult replayTo(const Checkpoint& from, int epoch);
    MetricsReport evaluate(const data::Dataset& data);
    model::Model model() const;
    /// Puts a kept run's weights into the network, when that model was trained on this design and
    /// on the data as prepared here (the same network and the same fitted preprocessing: a split
    /// is seeded, so reopening a project rebuilds it exactly). Returns why not, leaving the network
    /// as it was, or an empty string. Before train() only.
    std::string adoptWeights(const model::Model& kept);
    /// Frees the encoded rows and the trainer (its batch buffers, optimizer moments and best
    /// weights) once the run is over and judged: the CLI calls it before saving, where on a wide
    /// file they were the largest things held. train() throws afterwards, the sets are empty and
    /// trainer() must not be called; model() still works.
    void releaseEncodedRows();

private:
    void prepare();
    /// Applies lossFromTarget; refuses a class loss on a target of fractional numbers.
    void chooseLoss();

    ExperimentConfig m_config;
    data::Table m_table;
    data::Schema m_schema;
    std::size_t m_dropped = 0;
    data::Split m_split;
    data::Preprocessor m_pre;
    data::Dataset m_train, m_validation, m_test;
    bool m_released = false;
    std::unique_ptr<nn::Network> m_network;
    std::unique_ptr<Trainer> m_trainer;
    TrainSettings m_releasedSettings; // the trainer's settings when it was released
};

} // namespace layerlab::engine::train
