// `layerlab-cli evaluate MODEL DATA.csv` and `layerlab-cli predict MODEL DATA.csv [--out FILE]`.
#include "ArgParser.h"
#include "Commands.h"
#include "Format.h"

#include "core/Error.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/PredictionTable.h"
#include "model/Predictor.h"

#include <ostream>

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine;

struct Loaded {
    model::Model model;
    data::Table table;
};

Loaded load(const ArgParser& a, const char* command) {
    if (a.positionals().size() != 2) throw UsageError(std::string(command) + " needs MODEL and DATA.csv");
    Loaded l{model::ModelFile::load(a.positionals()[0]), data::CsvReader::readFile(a.positionals()[1])};
    l.model.preprocessing.deriveColumns(l.table); // the same formulas the model was trained with
    return l;
}


} // namespace

int runEvaluate(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({}, {"json"});
    a.parse(args);
    Loaded l = load(a, "evaluate");
    const std::vector<std::size_t> rows = l.model.preprocessing.sampleRows(l.table, true);
    const std::size_t skipped = l.table.rowCount() - rows.size();
    if (rows.empty()) throw engine::SpecError(a.positionals()[1] + ": no row has a target value to compare with");
    model::Predictor predictor(l.model);
    const Matrix logits = predictor.logits(l.table, rows);
    const Matrix targets = l.model.preprocessing.targets(l.table, rows);
    const auto& pre = l.model.preprocessing;
    const int classes = pre.targetKind() == data::TargetKind::Regression ? 0 : int(pre.classes().size());
    const auto m = train::computeMetrics(l.model.loss, ConstMatrixMap(logits.data(), logits.rows(), logits.cols()),
                                         ConstMatrixMap(targets.data(), targets.rows(), targets.cols()), classes);
    if (a.has("json")) {
        Json j = m.toJson();
        j.set("model", a.positionals()[0]);
        j.set("data", a.positionals()[1]);
        j.set("task", m.classification ? "classification" : "regression");
        j.set("rows", static_cast<std::uint64_t>(rows.size()));
        j.set("skipped_rows", static_cast<std::uint64_t>(skipped));
        out << j.dump(-1) << '\n';
    } else {
        out << summary(m) << '\n';
        if (skipped) out << "skipped " << skipped << " rows without a target value\n";
    }
    return kOk;
}

int runPredict(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({"out"}, {});
    a.parse(args);
    Loaded l = load(a, "predict");
    const std::string csv = model::PredictionTable::compute(l.model, l.table).toCsv();
    if (auto path = a.value("out")) io::writeFileAtomically(*path, csv);
    else out << csv;
    return kOk;
}

} // namespace layerlab::app::cli
