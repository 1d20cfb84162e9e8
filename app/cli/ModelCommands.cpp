// `layerlab-cli evaluate MODEL DATA.csv` and `layerlab-cli predict MODEL DATA.csv [--out FILE]`.
#include "ArgParser.h"
#include "Commands.h"
#include "Format.h"
#include "Progress.h"

#include "core/Error.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/PredictionTable.h"
#include "model/Predictor.h"

#include <iostream>
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
    Progress progress;
    Loaded l{model::ModelFile::load(a.positionals()[0]), data::CsvReader::readFile(a.positionals()[1], {}, progress.reading(a.positionals()[1]))};
    progress.clear();
    l.model.preprocessing.deriveColumns(l.table); // the same formulas the model was trained with
    return l;
}


} // namespace

int runEvaluate(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({}, {"json", "keep-going"});
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
    if (m.nonFinite) {
        // The figures above already count these rows as wrong; the exit code must not say "fine".
        std::cerr << "layerlab-cli: " << (a.has("keep-going") ? "warning: " : "error: ") << a.positionals()[1] << ": the model's output is not a finite number on "
                  << m.nonFinite << " of " << rows.size() << " rows (counted as wrong; inputs far outside the training range, or a model with huge weights)\n";
        if (!a.has("keep-going")) return kNonFinite;
    }
    return kOk;
}

int runPredict(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({"out"}, {"keep-going"});
    a.parse(args);
    if (auto path = a.value("out")) io::checkWritable(*path); // before reading and predicting
    Loaded l = load(a, "predict");
    const auto predictions = model::PredictionTable::compute(l.model, l.table);
    const bool keepGoing = a.has("keep-going");
    if (const auto& bad = predictions.nonFiniteRows(); !bad.empty()) {
        // Never a confident label over NaN probabilities: without --keep-going nothing is written.
        const std::string where = predictions.describeNonFinite(l.table);
        std::cerr << "layerlab-cli: " << (keepGoing ? "warning: " : "error: ") << a.positionals()[1] << ": the model's output is not a finite number on "
                  << bad.size() << " of " << predictions.rowCount() << " rows (" << where << ")"
                  << (keepGoing ? "; their cells are left empty\n" : "; nothing written (--keep-going writes the other rows, these left empty)\n");
        if (!keepGoing) return kNonFinite;
    }
    const std::string csv = predictions.toCsv();
    if (auto path = a.value("out")) io::writeFileAtomically(*path, csv);
    else out << csv;
    return kOk;
}

} // namespace layerlab::app::cli
