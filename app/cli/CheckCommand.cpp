// `layerlab-cli check PROJECT [--json]`: the design problems the canvas marks, from the same
// engine rules (train::DesignCheck), plus what the input screen leaves out — before any training.
#include "ArgParser.h"
#include "Commands.h"
#include "ModelExporter.h"

#include "core/Error.h"
#include "core/Json.h"
#include "data/CsvReader.h"
#include "data/DerivedColumns.h"
#include "data/Preprocessor.h"
#include "data/Schema.h"
#include "project/Project.h"
#include "train/DesignCheck.h"
#include "train/GraphColumns.h"
#include "train/InputScreen.h"
#include "train/TrainingRows.h"

#include <optional>
#include <ostream>

namespace layerlab::app::cli {

using namespace layerlab::engine;

namespace {

// A graph's shapes on the data, as the canvas marks them (the engine binds it as a run does):
// the layer that cannot work, with the engine's sentence. A chain's problems are DesignCheck's.
std::optional<train::DesignProblem> graphShapesProblem(const nn::NetworkSpec& network, const data::Preprocessor& pre) {
    try {
        if (network.isChain() && !train::placesColumns(network)) return std::nullopt;
        train::boundShapes(network, pre);
    } catch (const nn::LayerError& e) {
        const int id = e.layer() < network.layers.size() ? network.layers[e.layer()].id : 0;
        return train::DesignProblem{train::DesignProblem::Severity::Error, id, e.what()};
    } catch (const SpecError& e) {
        return train::DesignProblem{train::DesignProblem::Severity::Error, 0, e.what()};
    }
    return std::nullopt;
}

} // namespace

int runCheck(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({}, {"json"});
    a.parse(args);
    if (a.positionals().size() != 1) throw UsageError("check needs one PROJECT.layerlab");
    const project::Project project = project::Project::load(a.positionals()[0]);
    train::DataFacts facts;
    facts.loaded = true;
    std::vector<data::ColumnInfo> screened;
    std::vector<std::string> exportWarnings;
    std::optional<train::DesignProblem> graphProblem;
    // The data as the run would read it; a data problem is one of the design's problems.
    try {
        data::Table table = data::CsvReader::readFile(project.resolvedDataPath(), project.data.csv);
        data::DerivedColumns::apply(table, project.data.derived);
        data::Schema schema = data::Schema::resolve(table, project.data);
        const auto& target = schema.column(schema.target());
        const auto kind = train::screeningKind(target.type, project.training.loss);
        const auto rows = train::trainingRows(table, schema, project.data, kind, project.training.seed);
        train::InputScreen::apply(schema, table, project.data, rows.split.train);
        facts.inputs = schema.inputs().size();
        facts.target = target.name;
        facts.targetType = target.type;
        facts.targetClasses = target.distinct > 0 ? int(target.distinct) : 0;
        for (const auto& c : schema.columns())
            if (!c.leak.empty() || !c.identifiesRows.empty()) screened.push_back(c);
        // Which formats the trained model could be exported to, as the canvas says it.
        const auto pre = data::Preprocessor::fit(table, schema, project.data, kind, rows.usable, rows.usable);
        exportWarnings = exporters::ModelExporter::designWarnings(pre, project.network);
        graphProblem = graphShapesProblem(project.network, pre);
    } catch (const Error& e) {
        facts.error = e.what();
    }
    auto problems = train::DesignCheck::run(project.network, project.training.loss, facts);
    if (graphProblem) problems.push_back(*graphProblem);
    for (auto& w : exportWarnings) problems.push_back({train::DesignProblem::Severity::Warning, 0, std::move(w)});
    int errors = 0, warnings = 0;
    for (const auto& p : problems) (p.severity == train::DesignProblem::Severity::Error ? errors : warnings) += 1;
    if (a.has("json")) {
        Json list = Json::array();
        for (const auto& p : problems) {
            Json o = Json::object();
            o.set("severity", p.severity == train::DesignProblem::Severity::Error ? "error" : "warning");
            o.set("layer", p.layerId);
            o.set("message", p.message);
            list.push(std::move(o));
        }
        Json cols = Json::array();
        for (const auto& c : screened) {
            Json o = Json::object();
            o.set("name", c.name);
            o.set("input", c.role == data::ColumnRole::Input);
            if (!c.leak.empty()) o.set("leak_reason", c.leak.str());
            if (!c.identifiesRows.empty()) o.set("identifies_rows_reason", c.identifiesRows.str());
            cols.push(std::move(o));
        }
        Json j = Json::object();
        j.set("project", a.positionals()[0]);
        j.set("errors", errors);
        j.set("warnings", warnings);
        j.set("problems", std::move(list));
        j.set("screened", std::move(cols));
        out << j.dump(-1) << '\n';
    } else {
        for (const auto& p : problems)
            out << (p.severity == train::DesignProblem::Severity::Error ? "error" : "warning")
                << (p.layerId ? " (layer " + std::to_string(p.layerId) + ")" : std::string()) << ": " << p.message << '\n';
        for (const auto& c : screened)
            out << (c.role == data::ColumnRole::Input ? "warning: input " : "left out ") << c.name << ": "
                << (c.leak.empty() ? "identifies rows: " + c.identifiesRows : "possible target leak: " + c.leak) << '\n';
        out << (errors ? std::to_string(errors) + " error(s)" : std::string("design ready to train")) << ", " << warnings
            << " warning(s)\n";
    }
    return errors ? kInputError : kOk;
}

} // namespace layerlab::app::cli
