#include "DataAnalysis.h"

#include "core/Error.h"
#include "data/DerivedColumns.h"
#include "data/Preprocessor.h"
#include "train/InputScreen.h"
#include "train/TrainingRows.h"

#include <QCoreApplication>

namespace layerlab::app::data {

using namespace layerlab::engine;
using namespace layerlab::engine::data;

namespace {

void summarize(DataAnalysis& a, const Table& table, const DataSpec& spec, std::uint64_t seed, train::LossKind loss) {
    auto& s = a.summary;
    Schema schema = Schema::resolve(table, spec);
    const ColumnInfo& target = schema.column(schema.target());
    s.target = QString::fromStdString(target.name);
    s.targetType = target.type;
    s.targetClasses = target.distinct > 0 ? static_cast<int>(target.distinct) : 0;
    // The engine's rules, as the run and `layerlab-cli check` apply them: which kind of target the
    // loss reads, and the screen on the training rows, which leaves leaks and row ids out.
    const TargetKind kind = train::screeningKind(target.type, loss);
    const train::TrainingRows rows = train::trainingRows(table, schema, spec, kind, seed);
    train::InputScreen::apply(schema, table, spec, rows.split.train);
    a.columns = schema.columns();
    for (const std::size_t i : schema.inputs()) s.inputs << QString::fromStdString(schema.column(i).name);
    s.inputWidth = static_cast<int>(schema.inputs().size());
    const std::vector<std::size_t>& usable = rows.usable;
    if (kind != TargetKind::Regression) s.targetClasses = static_cast<int>(Preprocessor::classLabels(table, schema, kind, usable).size());
    auto fitted = std::make_shared<Preprocessor>(Preprocessor::fit(table, schema, spec, kind, usable, usable));
    a.preprocessing = fitted;
    const Preprocessor& pre = *fitted;
    s.inputWidth = pre.inputWidth(); // embedded factors count one index each (the run adds the Embedding layer)
    for (const auto& name : pre.featureNames()) s.featureNames << QString::fromStdString(name);
    // The engine's rule, said before Train is pressed (training would refuse the same data).
    if (const std::string why = pre.encodedSizeProblem(usable.size(), Preprocessor::memoryBudget()); !why.empty())
        s.error = QString::fromStdString(why);
}

} // namespace

std::shared_ptr<const DataAnalysis> DataAnalysis::build(std::shared_ptr<const Table> raw, const DataSpec& spec, std::uint64_t seed,
                                                        train::LossKind loss) {
    auto a = std::make_shared<DataAnalysis>();
    a->summary.loaded = raw != nullptr;
    if (!raw) return a;
    a->summary.rows = static_cast<qint64>(raw->rowCount());
    std::shared_ptr<const Table> table = raw;
    DataSpec usable = spec;
    if (!spec.derived.empty()) {
        auto derived = std::make_shared<Table>(*raw);
        usable.derived.clear();
        for (const DerivedColumn& d : spec.derived) {
            try {
                DerivedColumns::apply(*derived, {d});
                usable.derived.push_back(d);
            } catch (const Error& e) {
                a->derivedError = QString::fromStdString(e.what());
                break; // later columns may need this one
            }
        }
        table = derived;
    }
    a->table = table;
    // Columns as inferred, for the panel even when the settings cannot resolve.
    for (std::size_t c = 0; c < table->columnCount(); ++c) a->columns.push_back(Schema::infer(*table, c));
    if (spec.target.empty()) {
        a->summary.error = QCoreApplication::translate("DataAnalysis", "Choose a target: the column the network should predict.");
        return a;
    }
    try {
        summarize(*a, *table, usable, seed, loss);
    } catch (const Error& e) {
        a->summary.error = QString::fromStdString(e.what());
    }
    if (a->summary.error.isEmpty() && !a->derivedError.isEmpty()) a->summary.error = a->derivedError;
    return a;
}

} // namespace layerlab::app::data
