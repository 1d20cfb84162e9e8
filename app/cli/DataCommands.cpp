// `layerlab-cli data show FILE [--rows N] [--json]` and `layerlab-cli data inspect FILE [--json]`.
#include "ArgParser.h"
#include "Commands.h"
#include "DataFlags.h"
#include "Format.h"
#include "Progress.h"

#include "core/JsonWriter.h"
#include "data/ColumnStats.h"
#include "data/CsvReader.h"
#include "data/DerivedColumns.h"
#include "data/Schema.h"
#include "train/InputScreen.h"
#include "train/TrainSettings.h"
#include "train/TrainingRows.h"

#include <limits>
#include <optional>

#include <algorithm>
#include <ostream>

namespace layerlab::app::cli {
namespace {

using namespace layerlab::engine;

std::string cell(std::string_view s, std::size_t width) {
    std::string out;
    for (const char c : s) out += c == '\n' || c == '\r' ? ' ' : c; // keep one row per line
    if (out.size() > width) out = out.substr(0, width - 1) + "~";
    return out + std::string(width - out.size(), ' ');
}

// Shortest text that reads back as the same float ("21600001", "0.15"): cells are floats.
std::string shortest(double v) { return engine::data::Table::formatNumber(float(v)); }

int show(const std::vector<std::string>& args, std::ostream& out) {
    ArgParser a({"rows", "delimiter", "ragged"}, {"json", "no-header"});
    a.parse(args);
    if (a.positionals().size() != 1) throw UsageError("data show needs one FILE");
    const std::string path = a.positionals()[0];
    data::CsvOptions csv;
    applyCsvFlags(a, csv);
    const auto rows = a.integer("rows", 0, 1LL << 40).value_or(20);
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> body;
    std::int64_t seen = 0;
    data::CsvReader::scanFile(path, csv, [&](const std::vector<std::string_view>& fields, std::int64_t line) {
        if (header.empty()) {
            if (csv.header) {
                for (const auto f : fields) header.emplace_back(f);
                return true;
            }
            for (std::size_t i = 0; i < fields.size(); ++i) header.push_back("column" + std::to_string(i + 1));
        }
        if (fields.size() != header.size() && csv.ragged == data::RaggedRows::Error)
            throw FileError(path, line, std::int64_t(std::min(fields.size(), header.size())) + 1,
                            "expected " + std::to_string(header.size()) + " fields (as in the header), found " + std::to_string(fields.size()));
        if (fields.size() != header.size() && csv.ragged == data::RaggedRows::Skip) return true;
        std::vector<std::string> row(fields.begin(), fields.end());
        row.resize(header.size());
        body.push_back(std::move(row));
        return ++seen < rows;
    });
    // Nothing at all to show is an error, as for inspect and train (exit 3), not an empty table.
    if (header.empty()) throw FileError(path, 1, 0, "the file is empty (no header row)");
    if (a.has("json")) {
        Json arr = Json::array();
        for (const auto& row : body) {
            Json o = Json::object();
            for (std::size_t i = 0; i < header.size(); ++i) o.set(header[i], row[i]);
            arr.push(std::move(o));
        }
        out << arr.dump(-1) << '\n';
        return kOk;
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        width[i] = header[i].size();
        for (const auto& row : body) width[i] = std::max(width[i], row[i].size());
        width[i] = std::clamp<std::size_t>(width[i], 1, 24);
    }
    for (std::size_t i = 0; i < header.size(); ++i) out << cell(header[i], width[i]) << (i + 1 < header.size() ? "  " : "\n");
    for (const auto& row : body)
        for (std::size_t i = 0; i < row.size(); ++i) out << cell(row[i], width[i]) << (i + 1 < row.size() ? "  " : "\n");
    return kOk;
}

int inspect(const std::vector<std::string>& args, std::ostream& out) {
    auto valued = dataFlags();
    valued.insert({"target", "inputs", "seed"});
    ArgParser a(valued, {"json", "no-header", "indicators"});
    a.parse(args);
    if (a.positionals().size() != 1) throw UsageError("data inspect needs one FILE");
    // inspect shows the columns as read and typed; these settings act only when a model is fitted.
    // With --target it also screens the inputs on the rows train would train on, so the split
    // settings that pick those rows apply then.
    const bool target = a.has("target");
    for (const char* flag : {"ignore", "missing", "fill", "indicators", "scaling", "encoding", "min-count", "split",
                             "validation", "test", "characters", "window", "inputs", "seed"}) {
        const std::string f = flag;
        const bool picksRows = f == "split" || f == "validation" || f == "test" || f == "seed" || f == "inputs" || f == "ignore";
        if (a.has(flag) && !(target && picksRows))
            throw UsageError("data inspect does not use --" + f +
                             (picksRows ? " without --target (it picks the rows and inputs the target is screened on)"
                                        : " (it shows the columns as read; that setting applies in train)"));
    }
    data::DataSpec spec;
    spec.path = a.positionals()[0];
    applyDataFlags(a, spec);
    if (target) spec.target = *a.value("target");
    if (a.has("inputs")) spec.inputs = a.list("inputs");
    Progress progress;
    data::Table table = data::CsvReader::readFile(spec.path, spec.csv, progress.reading(spec.path));
    progress.clear();
    data::DerivedColumns::apply(table, spec.derived);
    // The same screen train runs, on the same training rows (default loss and seed unless given).
    std::optional<data::Schema> schema;
    if (target) {
        schema = data::Schema::resolve(table, spec);
        const auto kind = train::targetKindFor(train::defaultLoss(schema->column(schema->target()).type));
        const std::uint64_t seed = std::uint64_t(a.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(train::TrainSettings{}.seed));
        const train::TrainingRows rows = train::trainingRows(table, *schema, spec, kind, seed);
        train::InputScreen::apply(*schema, table, spec, rows.split.train);
    }
    // --json streams one column at a time: a wide file's 100,000 columns as one tree and one
    // string took 8x the file (issue 18, defect 9).
    std::optional<JsonWriter> json;
    if (a.has("json")) {
        json.emplace([&out](std::string_view piece) { out << piece; }, -1);
        json->beginObject();
        json->member("file", spec.path);
        json->member("rows", static_cast<std::uint64_t>(table.rowCount()));
        json->member("padded_rows", table.paddedRows());
        json->member("skipped_rows", table.skippedRows());
        json->beginArray("columns");
    }
    for (std::size_t i = 0; i < table.columnCount(); ++i) {
        data::ColumnInfo info = schema ? schema->column(i) : data::Schema::infer(table, i);
        if (!schema) info.identifiesRows = train::InputScreen::identifiesRows(table, info);
        const auto* o = spec.options(info.name);
        const data::ColumnType type = o && o->type != data::ColumnType::Auto ? o->type : info.inferred;
        const data::ColumnStats stats = data::ColumnStats::compute(table, i);
        if (json) {
            Json c = stats.toJson();
            c.set("name", info.name);
            c.set("type", data::typeName(type));
            c.set("inferred", data::typeName(info.inferred));
            if (info.booleanCandidate) c.set("boolean_candidate", true);
            if (schema) {
                c.set("role", data::roleName(info.role));
                if (!info.why.empty()) c.set("why", info.why.str());
            }
            setScreenFields(c, info);
            if (const auto& raw = table.column(i); type == data::ColumnType::Numeric && !raw.isNumeric() && raw.firstTextRow >= 0)
                c.set("first_text_line", table.rowLine(std::size_t(raw.firstTextRow)));
            json->item(c);
            continue;
        }
        out << info.name << ": " << data::typeName(type);
        if (type != info.inferred) out << " (inferred " << data::typeName(info.inferred) << ")";
        if (info.booleanCandidate && type != data::ColumnType::Boolean)
            out << " (two values: could be boolean, e.g. --boolean " << info.name << "=" << info.trueValue << ")";
        out << "; " << stats.missing << " missing";
        // The same inference train uses: a numeric column with a stray word trains only once the
        // cell is fixed, so inspect says where it is instead of just "numeric".
        const data::Table::Column& raw = table.column(i);
        if (type == data::ColumnType::Numeric && !raw.isNumeric() && raw.firstTextRow >= 0)
            out << "; not a number on line " << table.rowLine(std::size_t(raw.firstTextRow)) << ": \""
                << table.text(i, std::size_t(raw.firstTextRow)) << "\" (train stops there: fix the cell or leave it empty)";
        if (stats.mean && type != data::ColumnType::Factor && type != data::ColumnType::Boolean)
            out << "; min " << shortest(*stats.min) << ", max " << shortest(*stats.max) << ", mean " << fixed(*stats.mean, 4);
        if (stats.distinct >= 0) {
            out << "; " << stats.distinct << " distinct";
            if (type != data::ColumnType::Numeric) {
                out << ": ";
                for (std::size_t k = 0; k < stats.top.size(); ++k)
                    out << (k ? ", " : "") << stats.top[k].first << " (" << stats.top[k].second << ")";
                if (stats.distinct > std::int64_t(stats.top.size())) out << ", ...";
            }
        }
        if (!info.leak.empty()) out << "; possible target leak: " << info.leak;
        if (!info.identifiesRows.empty()) out << "; identifies rows: " << info.identifiesRows;
        if (schema && info.role == data::ColumnRole::Input && (!info.leak.empty() || !info.identifiesRows.empty()))
            out << " (kept as an input)";
        else if (info.screenedOut)
            out << " (train leaves it out)";
        else if (schema && info.role == data::ColumnRole::Target)
            out << " (the target)";
        out << '\n';
    }
    if (json) {
        json->end(); // columns
        json->end();
        out << '\n';
    } else {
        out << table.rowCount() << " rows, " << table.columnCount() << " columns";
        if (table.paddedRows() + table.skippedRows()) out << "; ragged rows: " << table.paddedRows() << " padded, " << table.skippedRows() << " skipped";
        out << '\n';
    }
    return kOk;
}

} // namespace

int runData(const std::vector<std::string>& args, std::ostream& out) {
    if (args.empty()) throw UsageError("data needs a subcommand: show or inspect");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "show") return show(rest, out);
    if (args[0] == "inspect") return inspect(rest, out);
    throw UsageError("unknown data subcommand \"" + args[0] + "\" (use show or inspect)");
}

} // namespace layerlab::app::cli
