#include "ProjectSession.h"

#include "ProjectLoader.h"
#include "SampleProjects.h"
#include "canvas/DesignCheck.h"
#include "canvas/GraphModel.h"
#include "data/DataAnalyzer.h"
#include "data/DataLoader.h"
#include "ModelExporter.h"
#include "data/Schema.h"
#include "train/GraphColumns.h"
#include "train/TrainingRows.h"
#include "document/ProjectDocument.h"

#include <QFileInfo>

namespace layerlab::app {

using namespace layerlab::engine;

ProjectSession::ProjectSession(QObject* parent)
    : QObject(parent), m_doc(new document::ProjectDocument(this)), m_graph(new widgets::canvas::GraphModel(this)), m_projectLoader(new ProjectLoader(this)),
      m_loader(new data::DataLoader(this)), m_csvProbe(new data::DataLoader(this)), m_analyzer(new data::DataAnalyzer(this)) {
    connect(m_doc, &document::ProjectDocument::replaced, this, [this] { m_graph->reset(m_doc->network()); });
    connect(m_projectLoader, &ProjectLoader::loaded, this, [this](const QString& path) {
        if (m_pending != Pending::Project) return; // a newer request (a CSV) replaced this one
        m_pending = Pending::None;
        const Confirm confirm = std::exchange(m_confirm, Confirm());
        if (confirm && !confirm()) return; // the user kept the current project
        m_doc->reset(m_projectLoader->project(), path);
        // A shipped sample opens as an untitled copy: Save asks where, and Enter in "save
        // changes?" can never overwrite the installed file.
        m_sample = QFileInfo(path).absoluteFilePath().startsWith(QFileInfo(SampleProjects::folder()).absoluteFilePath() + QLatin1Char('/'));
        if (m_sample) m_doc->detach();
        Q_EMIT opened(path);
        loadData();
    });
    connect(m_projectLoader, &ProjectLoader::failed, this, [this](const QString& message) {
        if (m_pending == Pending::Project) m_pending = Pending::None, m_confirm = {};
        Q_EMIT failed(message);
    });
    connect(m_loader, &data::DataLoader::progress, this, &ProjectSession::loadingProgress);
    connect(m_loader, &data::DataLoader::loaded, this, [this](const QString& path, std::shared_ptr<const engine::data::Table> table) {
        if (path != m_doc->dataPath()) return; // the data of a project no longer open
        m_table = std::move(table);
        m_tablePath = path;
        Q_EMIT loadingProgress(-1);
        if (!chooseTarget()) analyse(); // else stateChanged() analyses
    });
    connect(m_loader, &data::DataLoader::failed, this, [this](const QString& message) {
        Q_EMIT loadingProgress(-1);
        if (!m_doc->dataPath().isEmpty() && !QFileInfo::exists(m_doc->dataPath())) Q_EMIT dataMissing(message);
        else Q_EMIT failed(message);
    });
    connect(m_loader, &data::DataLoader::cancelled, this, [this] { Q_EMIT loadingProgress(-1); });
    connect(m_csvProbe, &data::DataLoader::progress, this, &ProjectSession::loadingProgress);
    connect(m_csvProbe, &data::DataLoader::loaded, this, [this](const QString& path, std::shared_ptr<const engine::data::Table> table) {
        Q_EMIT loadingProgress(-1);
        if (m_pending != Pending::Csv) return; // a newer request (a project) replaced this one
        m_pending = Pending::None;
        const Confirm confirm = std::exchange(m_confirm, Confirm());
        if (confirm && !confirm()) return;
        adoptCsv(path, std::move(table));
    });
    connect(m_csvProbe, &data::DataLoader::failed, this, [this](const QString& message) {
        if (m_pending == Pending::Csv) m_pending = Pending::None, m_confirm = {};
        Q_EMIT loadingProgress(-1);
        Q_EMIT failed(message); // nothing was replaced
    });
    connect(m_csvProbe, &data::DataLoader::cancelled, this, [this] {
        if (m_pending == Pending::Csv) m_pending = Pending::None, m_confirm = {};
        Q_EMIT loadingProgress(-1);
    });
    connect(m_analyzer, &data::DataAnalyzer::analyzed, this, [this](std::shared_ptr<const data::DataAnalysis> a) {
        m_analysis = std::move(a);
        Q_EMIT analysisChanged();
        check();
    });
    connect(m_doc, &document::ProjectDocument::stateChanged, this, [this] {
        check(); // the loss may have changed: say so now, before the data is re-analysed
        if (m_doc->dataPath() != m_tablePath && !m_doc->dataPath().isEmpty()) loadData(); // another file was chosen
        else analyse();
    });
    // The document holds the network; the canvas edits the graph model. First connections to both,
    // so every other listener of replaced() already sees the new project's graph.
    connect(m_graph, &widgets::canvas::GraphModel::changed, this, [this] {
        m_doc->setNetwork(m_graph->toSpec());
        check();
    });
}

ProjectSession::~ProjectSession() = default;

void ProjectSession::open(const QString& path, Confirm confirm) {
    // The newest request wins: a CSV still being read for a new project is dropped.
    m_csvProbe->cancel();
    m_pending = Pending::Project;
    m_confirm = std::move(confirm);
    m_projectLoader->load(path);
}

void ProjectSession::newFromCsv(const QString& csvPath, Confirm confirm) {
    m_pending = Pending::Csv; // a project file still loading is dropped when it arrives
    m_confirm = std::move(confirm);
    m_csvProbe->start(QFileInfo(csvPath).absoluteFilePath(), engine::data::CsvOptions{});
}

void ProjectSession::adoptCsv(const QString& path, std::shared_ptr<const engine::data::Table> table) {
    // The table read for the check is the project's table: no second read. The current project's
    // own data, if still loading, is not wanted any more.
    m_loader->cancel();
    m_table = std::move(table);
    m_tablePath = QFileInfo(path).absoluteFilePath();
    m_analysis.reset();
    m_sample = false;
    m_doc->resetFromData(path);
    if (!chooseTarget()) analyse(); // else stateChanged() analyses
}

bool ProjectSession::chooseTarget() {
    // A new project predicts the last column, the usual place for the answer, with the loss train
    // would pick for it (mse for numbers, ce for classes: a numeric last column must not open as
    // a design error). The user changes both; part of creating the project, so not an undo step.
    if (!m_doc->state().data.target.empty() || m_table->columnCount() == 0) return false;
    auto state = m_doc->state();
    const std::size_t last = m_table->columnCount() - 1;
    state.data.target = m_table->column(last).name;
    state.training.loss = engine::train::defaultLoss(engine::data::Schema::infer(*m_table, last).type);
    m_doc->setState(state);
    return true;
}

void ProjectSession::restore(const project::Project& project) {
    m_sample = false;
    m_doc->reset(project, QString::fromStdString(project.file));
    m_doc->markUnsaved();
    loadData();
}

void ProjectSession::loadData() {
    const QString path = m_doc->dataPath();
    m_table.reset();
    m_tablePath = path;
    m_analysis.reset();
    Q_EMIT analysisChanged();
    if (path.isEmpty()) return check();
    Q_EMIT loadingProgress(0);
    m_loader->start(path, m_doc->state().data.csv);
}

void ProjectSession::cancelLoading() {
    m_loader->cancel();
    m_csvProbe->cancel();
}
bool ProjectSession::isLoading() const { return m_loader->isRunning() || m_csvProbe->isRunning(); }

void ProjectSession::analyse() {
    if (!m_table) return check();
    // Only data edits change the analysis: a learning-rate tick must not re-fit the preprocessing
    // over every row. The same table under the same data settings keeps its analysis.
    const auto& state = m_doc->state();
    // The seed and the loss pick the training rows the input screen judges on.
    const std::string spec = state.data.toJson().dump() + '|' + std::to_string(state.training.seed) + '|' +
                             std::string(engine::train::lossName(state.training.loss));
    if (m_analysis && m_analysedTable == m_table && spec == m_analysedSpec) return check();
    m_analysedTable = m_table;
    m_analysedSpec = spec;
    m_analyzer->request(m_table, state.data, state.training.seed, state.training.loss);
}

void ProjectSession::check() {
    widgets::DataSummary summary = m_analysis ? m_analysis->summary : widgets::DataSummary{};
    m_issues = widgets::canvas::DesignCheck::run(*m_graph, summary, m_doc->state().training.loss);
    // The network's shapes on this data (the engine's binding, as a run does it): the canvas
    // labels its connections with them and marks the layer whose shapes cannot work, with the
    // engine's sentence. Runs on every edit (a 200-layer graph takes well under 5 ms: bench_graph).
    m_graphShapes = {};
    if (m_analysis && m_analysis->preprocessing) {
        const engine::nn::NetworkSpec spec = m_graph->toSpec();
        // The engine's sentence, said of the card: "layer 4 (select) feeds nothing" reads
        // "Columns feeds nothing" on the canvas, where layers have no numbers ("\"s\" (add)": Add "s").
        const auto said = [&](std::string what, std::size_t layer) {
            if (what.rfind("network.layers[", 0) == 0 && what.find(": ") != std::string::npos) what.erase(0, what.find(": ") + 2);
            if (layer < spec.layers.size()) {
                const std::string who = spec.describe(layer);
                const auto* node = m_graph->node(m_graph->nodeOfLayer(spec.layers[layer].id));
                if (node && what.rfind(who, 0) == 0)
                    what.replace(0, who.size(), engine::design::kindName(node->kind) + (node->name.empty() ? "" : " \"" + node->name + "\""));
            }
            return QString::fromStdString(what);
        };
        // A chain's problems are the design check's (as `layerlab-cli check` says them): only a
        // graph's shape problems are added, so none is said twice. Every problem is found, each on
        // its card, and the layers that work keep their shapes.
        const bool graph = !m_graph->isChain();
        std::vector<engine::nn::LayerError> problems;
        try {
            const auto& pre = *m_analysis->preprocessing;
            m_graphShapes.layers = engine::train::boundShapes(spec, pre, &problems);
            m_graphShapes.input = {pre.steps(), pre.inputWidth()};
        } catch (const engine::nn::LayerError& e) {
            problems.push_back(e);
        } catch (const engine::SpecError& e) {
            if (graph) m_issues.push_back({widgets::canvas::DesignIssue::Severity::Error, 0, said(e.what(), spec.layers.size())});
        }
        for (const auto& e : problems) {
            if (!graph) break;
            const int id = e.layer() < spec.layers.size() ? m_graph->nodeOfLayer(spec.layers[e.layer()].id) : 0;
            m_issues.push_back({widgets::canvas::DesignIssue::Severity::Error, id, said(e.what(), e.layer())});
        }
    }
    // Which formats the trained model will export to, said now rather than after training.
    m_exports.clear();
    if (m_analysis && m_analysis->preprocessing) {
        const auto& network = m_doc->network();
        for (const auto f : {exporters::ExportFormat::Onnx, exporters::ExportFormat::CHeader, exporters::ExportFormat::Json})
            m_exports.push_back({f, exporters::ModelExporter::problem(*m_analysis->preprocessing, network, f)});
        for (const auto& warning : exporters::ModelExporter::designWarnings(*m_analysis->preprocessing, network))
            m_issues.push_back({widgets::canvas::DesignIssue::Severity::Warning, 0, QString::fromStdString(warning)});
    }
    Q_EMIT issuesChanged();
}

} // namespace layerlab::app
