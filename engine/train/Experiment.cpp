#include "Experiment.h"

#include "GraphColumns.h"

#include "core/Error.h"
#include "data/CsvReader.h"
#include "data/DerivedColumns.h"
#include "DesignCheck.h"
#include "InputScreen.h"
#include "nn/Kernels.h"

#include <algorithm>
#include <cmath>

namespace layerlab::engine::train {

Experiment::Experiment(ExperimentConfig config, const data::CsvProgress& progress)
    : m_config(std::move(config)), m_table(data::CsvReader::readFile(m_config.dataPath, m_config.data.csv, progress)) {
    prepare();
}

Experiment::Experiment(ExperimentConfig config, data::Table table) : m_config(std::move(config)), m_table(std::move(table)) {
    prepare();
}

Experiment::~Experiment() = default;

void Experiment::prepare() {
    m_config.settings.validate();
    const data::DataSpec& dataSpec = m_config.data;
    dataSpec.validate();
    if (m_table.rowCount() == 0)
        throw FileError(m_table.source(), m_table.headerLine(), 0,
                        m_table.headerLine() ? "no data rows: the file ends after its header line" : "no data rows");
    data::DerivedColumns::apply(m_table, dataSpec.derived);
    m_schema = data::Schema::resolve(m_table, dataSpec);
    chooseLoss();
    const auto kind = targetKindFor(m_config.settings.loss);
    TrainingRows rows = trainingRows(m_table, m_schema, dataSpec, kind, m_config.settings.seed);
    m_dropped = rows.dropped;
    m_split = std::move(rows.split);
    const std::vector<std::size_t>& usable = rows.usable;
    // Columns that give the target away or identify rows leave the inputs here, judged on the
    // training rows only (the held-out rows must not pick the inputs).
    InputScreen::apply(m_schema, m_table, dataSpec, m_split.train);
    m_pre = data::Preprocessor::fit(m_table, m_schema, dataSpec, kind, m_split.train, usable);
    if (const std::string why = m_pre.encodedSizeProblem(usable.size(), data::Preprocessor::memoryBudget()); !why.empty())
        throw SpecError(m_table.source() + ": " + why);
    std::uint64_t tableBytes = 0;
    for (std::size_t c = 0; c < m_table.columnCount(); ++c) tableBytes += m_table.column(c).heapBytes();
    const double heldBytes = double(usable.size()) * double(m_pre.inputWidth()) * sizeof(float);
    const bool onDemand = heldBytes > double(std::max(tableBytes, m_config.heldFeatureBytes));
    auto build = [&](const std::vector<std::size_t>& rows) {
        if (onDemand) return data::Dataset::encodedOnDemand(m_table, m_pre, rows, m_pre.targets(m_table, rows));
        return data::Dataset{m_pre.features(m_table, rows), m_pre.targets(m_table, rows)};
    };
    m_train = build(m_split.train);
    m_validation = build(m_split.validation);
    m_test = build(m_split.test);
    nn::NetworkSpec spec = m_config.network;
    // The design rules the canvas marks and `check` prints (softmax before ce, a sigmoid before
    // bce, no output layer, ...): a run refuses their errors.
    for (const auto& p : DesignCheck::run(spec, m_config.settings.loss, {}))
        if (p.severity == DesignProblem::Severity::Error) throw SpecError("network: " + p.message);
    // Factors encoded as level indices get their learned vectors from an Embedding layer in front:
    // fed to a dense layer as plain numbers, an index would train without error and mean nothing.
    std::vector<nn::EmbeddingColumn> embedded;
    int position = 0;
    for (const auto& e : m_pre.encoders()) {
        if (e.type() == data::ColumnType::Factor && e.encoding() == data::FactorEncoding::Embedding)
            embedded.push_back({position, int(e.vocabulary().size()) + 1, e.embeddingDims()});
        position += e.width();
    }
    // A graph that places its own embeddings and column groups (input[...]) is bound to the
    // data's columns instead, and checked that it reads no level index as a number.
    const bool hasEmbedding = !spec.layers.empty() && spec.layers.front().type == nn::LayerType::Embedding;
    if (placesColumns(spec)) bindColumns(spec, m_pre);
    else if (!embedded.empty() && !hasEmbedding) spec.prepend(nn::LayerSpec::embedding(std::move(embedded)));
    // A window of one row or one-character texts are still sequences (of one step); only data
    // without any sequence setting cannot feed a recurrent layer.
    if (spec.hasRecurrent() && m_pre.sequence() == data::SequenceKind::None)
        throw SpecError("the network has a recurrent layer but the data has no sequence: read a text column as characters "
                        "or a window of rows (data.sequence)");
    spec.bind(m_pre.inputWidth(), m_pre.outputWidth(), m_pre.steps(), m_pre.masked());
    m_network = std::make_unique<nn::Network>(spec);
    m_network->initialize(m_config.settings.seed);
    m_trainer = std::make_unique<Trainer>(*m_network, m_train, &m_validation, m_config.settings);
}

void Experiment::chooseLoss() {
    const data::ColumnInfo& target = m_schema.column(m_schema.target());
    const bool numeric = target.type == data::ColumnType::Numeric || target.type == data::ColumnType::Date;
    if (m_config.lossFromTarget) m_config.settings.loss = defaultLoss(target.type);
    if (!numeric || !isClassification(m_config.settings.loss)) return;
    // Whole numbers may be class labels (digits 0-9 in a small file); 3.5 and 5.1 never are: each
    // distinct value would silently become a class of its own.
    const data::Table::Column& c = m_table.column(m_schema.target());
    for (std::size_t r = 0; r < c.size(); ++r)
        if (const float v = c.number(r); std::isfinite(v) && v != std::floor(v))
            throw FileError(m_table.source(), m_table.rowLine(r), std::int64_t(m_schema.target()) + 1,
                            "target \"" + target.name + "\" holds fractional numbers (" + data::Table::formatNumber(v) +
                                "), but the " + std::string(lossName(m_config.settings.loss)) +
                                " loss needs classes: use the mse or huber loss for regression, or set the target's type to factor");
}

TrainResult Experiment::train(TrainerObserver* observer) {
    if (m_released) throw SpecError("this run's encoded rows were released: prepare a new run to train again");
    return m_trainer->run(observer);
}

TrainResult Experiment::replayTo(const Checkpoint& from, int epoch) {
    if (m_released) throw SpecError("this run's encoded rows were released: prepare a new run to replay it");
    if (epoch < from.epoch)
        throw SpecError("the checkpoint is at epoch " + std::to_string(from.epoch) + ", after epoch " + std::to_string(epoch) +
                        ": replay from an earlier one");
    m_trainer->restore(from);
    m_trainer->stopAfter(epoch);
    return m_trainer->run();
}

void Experiment::releaseEncodedRows() {
    m_released = true;
    if (m_trainer) m_releasedSettings = m_trainer->settings();
    m_trainer.reset();
    m_train = {};
    m_validation = {};
    m_test = {};
}

MetricsReport Experiment::evaluate(const data::Dataset& data) {
    Matrix out(data.size(), m_network->outputs());
    data.forEachBlock(nn::Network::kPredictChunk, [&](Eigen::Index r, ConstMatrixMap block) {
        out.middleRows(r, block.rows()) = m_network->predict(block);
        return true;
    });
    const int classes = m_pre.targetKind() == data::TargetKind::Regression ? 0 : int(m_pre.classes().size());
    return computeMetrics(m_config.settings.loss, ConstMatrixMap(out.data(), out.rows(), out.cols()),
                          ConstMatrixMap(data.targets.data(), data.targets.rows(), data.targets.cols()), classes,
                          m_config.settings.huberDelta);
}

model::Model Experiment::model() const {
    model::Model m;
    m.network = m_network->spec();
    m.parameters.assign(m_network->parameters().begin(), m_network->parameters().end());
    m.state.assign(m_network->state().begin(), m_network->state().end());
    m.preprocessing = m_pre;
    m.loss = m_config.settings.loss;
    m.provenance.set("data", m_config.dataPath);
    m.provenance.set("training", (m_trainer ? m_trainer->settings() : m_releasedSettings).toJson());
    // The weights depend on the tile limit (never on the thread count): a run that set
    // LAYERLAB_TILES can only be repeated bit for bit with the same value.
    m.provenance.set("tiles", nn::tileLimit());
    return m;
}

std::string Experiment::adoptWeights(const model::Model& kept) {
    if (kept.loss != m_config.settings.loss) return "it was trained with another loss";
    if (kept.network.toJson().dump(-1) != m_network->spec().toJson().dump(-1)) return "the network has changed since";
    if (kept.preprocessing.toJson().dump(-1) != m_pre.toJson().dump(-1)) return "the data or its encoding has changed since";
    if (kept.parameters.size() != m_network->parameters().size() || kept.state.size() != m_network->state().size())
        return "its weights do not fit the network";
    m_network->setParameters(kept.parameters);
    m_network->setState(kept.state);
    return {};
}

} // namespace layerlab::engine::train
