#include "Experiment.h"

#include "core/Error.h"
#include "data/CsvReader.h"

namespace layerlab::engine::train {

ExperimentConfig ExperimentConfig::fromProject(const io::Project& project) {
    ExperimentConfig c;
    c.dataPath = project.resolvedDataPath();
    c.target = project.target;
    c.inputs = project.inputs;
    c.network = project.network;
    c.settings = project.training;
    c.validation = project.validation;
    c.test = project.test;
    return c;
}

data::TargetKind targetKindFor(LossKind loss) {
    switch (loss) {
    case LossKind::SoftmaxCrossEntropy: return data::TargetKind::Classes;
    case LossKind::BinaryCrossEntropy: return data::TargetKind::Binary;
    default: return data::TargetKind::Regression;
    }
}

Experiment::Experiment(ExperimentConfig config)
    : m_config(std::move(config)), m_table(data::CsvReader::readFile(m_config.dataPath)) {
    prepare();
}

Experiment::Experiment(ExperimentConfig config, data::Table table) : m_config(std::move(config)), m_table(std::move(table)) {
    prepare();
}

Experiment::~Experiment() = default;

void Experiment::prepare() {
    m_config.settings.validate();
    if (m_table.rowCount() == 0) throw SpecError(m_table.source() + ": no data rows");
    m_split = data::randomSplit(m_table.rowCount(), m_config.validation, m_config.test, m_config.settings.seed);
    m_pre = data::Preprocessor::fit(m_table, m_config.inputs, m_config.target, targetKindFor(m_config.settings.loss), m_split.train);
    auto build = [&](const std::vector<std::size_t>& rows) {
        return data::Dataset{m_pre.features(m_table, rows), m_pre.targets(m_table, rows)};
    };
    m_train = build(m_split.train);
    m_validation = build(m_split.validation);
    m_test = build(m_split.test);
    nn::NetworkSpec spec = m_config.network;
    // The cross-entropy losses take logits and apply softmax/sigmoid themselves; a final
    // softmax/sigmoid layer would apply it twice and quietly flatten the gradients.
    if (isClassification(m_config.settings.loss) && !spec.layers.empty() &&
        spec.layers.back().type == nn::LayerType::Activation &&
        (spec.layers.back().activation == nn::Activation::Softmax || spec.layers.back().activation == nn::Activation::Sigmoid))
        throw SpecError("the network ends in a " + std::string(nn::activationName(spec.layers.back().activation)) +
                        " layer, but the " + std::string(lossName(m_config.settings.loss)) +
                        " loss already applies it to the last layer's outputs: remove the final activation layer");
    spec.bind(m_pre.inputWidth(), m_pre.outputWidth());
    m_network = std::make_unique<nn::Network>(spec);
    m_network->initialize(m_config.settings.seed);
    m_trainer = std::make_unique<Trainer>(*m_network, m_train, &m_validation, m_config.settings);
}

TrainResult Experiment::train(TrainerObserver* observer) { return m_trainer->run(observer); }

MetricsReport Experiment::evaluate(const data::Dataset& data) {
    const Matrix out = m_network->predict(data.features);
    const int classes = m_pre.targetKind() == data::TargetKind::Regression ? 0 : int(m_pre.classes().size());
    return computeMetrics(m_config.settings.loss, ConstMatrixMap(out.data(), out.rows(), out.cols()),
                          ConstMatrixMap(data.targets.data(), data.targets.rows(), data.targets.cols()), classes,
                          m_config.settings.huberDelta);
}

model::Model Experiment::model() const {
    model::Model m;
    m.network = m_network->spec();
    m.parameters.assign(m_network->parameters().begin(), m_network->parameters().end());
    m.preprocessing = m_pre;
    m.loss = m_config.settings.loss;
    m.provenance.set("data", m_config.dataPath);
    m.provenance.set("training", m_trainer->settings().toJson());
    return m;
}

} // namespace layerlab::engine::train
