// `layerlab-cli evaluate MODEL DATA.csv` and `layerlab-cli predict MODEL DATA.csv [--out FILE]`.
#include "ArgParser.h"
#include "Commands.h"
#include "Format.h"

#include "core/Error.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/Predictor.h"

#include <charconv>
#include <numeric>
#include <ostream>
#include <sstream>

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

// The shortest text that reads back as the same float: exact, so other runtimes can be compared
// with these predictions to any tolerance.
std::string exact(float v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::vector<std::size_t> allRows(const data::Table& t) {
    std::vector<std::size_t> rows(t.rowCount());
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    return rows;
}

} // namespace

int runEvaluate(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({}, {"json"});
    a.parse(args);
    Loaded l = load(a, "evaluate");
    std::vector<std::size_t> rows;
    for (const std::size_t r : allRows(l.table))
        if (!l.model.preprocessing.targetMissing(l.table, r)) rows.push_back(r);
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
    model::Predictor predictor(l.model);
    const Matrix logits = predictor.logits(l.table, allRows(l.table));
    const Matrix probs = predictor.probabilities(logits);
    const auto& pre = l.model.preprocessing;
    std::ostringstream csv;
    const bool classes = pre.targetKind() != data::TargetKind::Regression;
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
        std::string q = "\"";
        for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    if (classes) {
        csv << "predicted";
        for (const auto& c : pre.classes()) csv << ',' << quote("p_" + c);
        csv << '\n';
        const auto predicted = predictor.predictedClasses(logits);
        for (Eigen::Index r = 0; r < logits.rows(); ++r) {
            csv << quote(pre.classes()[std::size_t(predicted[std::size_t(r)])]);
            for (Eigen::Index c = 0; c < probs.cols(); ++c) csv << ',' << exact(probs(r, c));
            csv << '\n';
        }
    } else {
        for (Eigen::Index c = 0; c < logits.cols(); ++c) csv << (c ? "," : "") << quote("predicted_" + pre.target());
        csv << '\n';
        for (Eigen::Index r = 0; r < logits.rows(); ++r)
            for (Eigen::Index c = 0; c < logits.cols(); ++c) csv << exact(logits(r, c)) << (c + 1 < logits.cols() ? ',' : '\n');
    }
    if (auto path = a.value("out")) io::writeFileAtomically(*path, csv.str());
    else out << csv.str();
    return kOk;
}

} // namespace layerlab::app::cli
