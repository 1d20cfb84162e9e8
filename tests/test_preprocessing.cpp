// Data understanding and preprocessing: type inference, missing-value policies fitted on the
// training rows only, scaling, open-vocabulary factors, derived columns and their errors, splits,
// and the JSON round trip that a model file relies on.
#include "core/Error.h"
#include "data/CellParsers.h"
#include "data/CsvReader.h"
#include "data/DerivedColumns.h"
#include "data/Preprocessor.h"
#include "data/Schema.h"
#include "data/Split.h"

#include <QTest>

#include <cmath>
#include <numeric>

using namespace layerlab::engine;
using namespace layerlab::engine::data;

namespace {

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
    std::vector<std::size_t> r(to - from);
    std::iota(r.begin(), r.end(), from);
    return r;
}

const char* kMixed = "num,flag,made,player,day,note,few,y\n"
                     "1.5,y,made,curry,2016-10-25,a long note 1,1,0\n"
                     "2.5,n,missed,klay,2016-10-26,a long note 2,2,1\n"
                     ",y,made,curry,2016-10-27,a long note 3,3,0\n"
                     "4.5,n,missed,durant,2016-10-28,a long note 4,1,1\n"
                     "5.5,y,made,curry,,a long note 5,2,0\n"
                     "6.5,n,missed,klay,2016-10-30,a long note 6,3,1\n"
                     "7.5,y,made,curry,2016-10-31,a long note 7,1,0\n"
                     "8.5,n,missed,green,2016-11-01,a long note 8,2,1\n"
                     "9.5,y,made,klay,2016-11-02,a long note 9,3,0\n"
                     "10.5,n,missed,curry,2016-11-03,a long note 10,1,1\n"
                     "11.5,y,made,klay,2016-11-04,a long note 11,2,0\n"
                     "12.5,n,missed,curry,2016-11-05,a long note 12,3,1\n";

} // namespace

class TestPreprocessing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typeInference() {
        const Table t = CsvReader::readText(kMixed, "mixed.csv");
        auto type = [&](const char* name) { return Schema::infer(t, *t.columnIndex(name)).inferred; };
        QCOMPARE(type("num"), ColumnType::Numeric);
        QCOMPARE(type("flag"), ColumnType::Boolean);
        QCOMPARE(type("made"), ColumnType::Factor);
        QVERIFY(Schema::infer(t, 2).booleanCandidate);
        QCOMPARE(type("player"), ColumnType::Factor);
        QCOMPARE(type("day"), ColumnType::Date);
        QCOMPARE(type("note"), ColumnType::Text);
        QCOMPARE(type("few"), ColumnType::Numeric); // 3 values in 12 rows: too few rows to be codes
        QCOMPARE(type("y"), ColumnType::Boolean);
        const Table stray = CsvReader::readText("v\n1\n2\n3\noops\n5\n6\n7\n8\n9\n10\n11\n", "s.csv");
        QCOMPARE(Schema::infer(stray, 0).inferred, ColumnType::Numeric); // reported at the cell when used
    }
    // Small whole numbers are codes only when each recurs often (50 rows a value on average): ten
    // values in 200 rows once made every column of a wide file a 10-wide one-hot factor.
    void integerCodesNeedRowsPerValue() {
        auto inferred = [](int rows, int values) {
            std::string csv = "v\n";
            for (int r = 0; r < rows; ++r) csv += std::to_string(r % values) + "\n";
            return Schema::infer(CsvReader::readText(csv, "codes.csv"), 0).inferred;
        };
        QCOMPARE(inferred(200, 10), ColumnType::Numeric);
        QCOMPARE(inferred(499, 10), ColumnType::Numeric);
        QCOMPARE(inferred(500, 10), ColumnType::Factor);
        QCOMPARE(inferred(150, 3), ColumnType::Factor);
        QCOMPARE(inferred(5000, 11), ColumnType::Numeric); // more than ten values: a number
    }
    void rolesAndOverrides() {
        Table t = CsvReader::readText(kMixed, "mixed.csv");
        DataSpec spec;
        spec.target = "y";
        spec.optionsFor("made").type = ColumnType::Boolean;
        spec.optionsFor("made").trueValue = "made";
        spec.optionsFor("few").role = ColumnRole::Ignore;
        const Schema s = Schema::resolve(t, spec);
        QCOMPARE(s.column(5).role, ColumnRole::Ignore); // free text is not an input by default
        QVERIFY(s.column(5).why.find("free text") != std::string::npos);
        QCOMPARE(s.column(6).role, ColumnRole::Ignore);
        QCOMPARE(s.column(2).type, ColumnType::Boolean);
        QCOMPARE(QString::fromStdString(s.column(2).falseValue), QString("missed"));
        QCOMPARE(s.inputs(), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
        spec.optionsFor("made").trueValue = "scored";
        QVERIFY_THROWS_EXCEPTION(SpecError, Schema::resolve(t, spec));
        spec.optionsFor("made").trueValue = "made";
        spec.optionsFor("note").role = ColumnRole::Input;
        QVERIFY_THROWS_EXCEPTION(SpecError, Schema::resolve(t, spec)); // text as input: set it to factor first
        spec.optionsFor("ghost").type = ColumnType::Factor;
        QVERIFY_THROWS_EXCEPTION(SpecError, Schema::resolve(t, spec));
    }
    // Issue 18, defect 9: a 100,000-column file holds one ColumnInfo and one ColumnEncoder per
    // column; their rarely set texts (boolean spellings, reasons) were 24 MB of empty
    // std::strings. The compact text costs a pointer and still reads and copies as a string.
    void perColumnMetadataStaysSmall() {
        QVERIFY2(sizeof(ColumnInfo) <= 128, qPrintable(QString::number(sizeof(ColumnInfo))));
        QVERIFY2(sizeof(ColumnEncoder) <= 128, qPrintable(QString::number(sizeof(ColumnEncoder))));
        CompactString none, reason = "possible target leak";
        QVERIFY(none.empty() && none.str().empty() && none == "");
        CompactString copy = reason;
        reason = std::string();
        QVERIFY(reason.empty());
        QCOMPARE(QString::fromStdString(copy), QString("possible target leak"));
        copy += ": a copy";
        QCOMPARE(copy.size(), std::size_t(28));
        QVERIFY("why: " + copy == std::string("why: possible target leak: a copy"));
    }
    void noInputsSaysWhyEachColumnWasLeftOut() {
        const Table t = CsvReader::readText("k,note,y\n1,first words,0\n1,second words,1\n1,third words,0\n", "left.csv");
        DataSpec spec;
        spec.target = "y";
        try {
            Schema::resolve(t, spec);
            QFAIL("resolved a table without inputs");
        } catch (const SpecError& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("\"k\" (constant)"), e.what());
            QVERIFY2(m.contains("\"note\" (free text"), e.what());
        }
    }
    void missingPoliciesFitOnTrainingRowsOnly() {
        const Table t = CsvReader::readText("x,y\n1,0\n,1\n3,0\n100,1\n", "m.csv");
        const auto train = range(0, 3); // the 100 is not a training row
        for (const auto& [policy, fill] : std::vector<std::pair<MissingPolicy, float>>{
                 {MissingPolicy::Mean, 2.0f}, {MissingPolicy::Median, 2.0f}, {MissingPolicy::MostFrequent, 1.0f}, {MissingPolicy::Constant, -7.0f}}) {
            DataSpec spec;
            spec.target = "y";
            spec.missing = policy;
            spec.scaling = Scaling::None;
            spec.indicators = true;
            spec.optionsFor("x").fill = "-7";
            const Schema s = Schema::resolve(t, spec);
            const auto p = Preprocessor::fit(t, s, spec, TargetKind::Binary, train, range(0, 4));
            const Matrix x = p.features(t, range(0, 4));
            QCOMPARE(x.cols(), Eigen::Index(2));
            QCOMPARE(x(1, 0), fill);
            QCOMPARE(x(1, 1), 1.0f); // "was missing"
            QCOMPARE(x(0, 1), 0.0f);
            QCOMPARE(x(3, 0), 100.0f);
        }
        DataSpec drop;
        drop.target = "y";
        drop.missing = MissingPolicy::Drop;
        const Schema s = Schema::resolve(t, drop);
        std::size_t dropped = 0;
        QCOMPARE(Preprocessor::usableRows(t, s, drop, &dropped), (std::vector<std::size_t>{0, 2, 3}));
        QCOMPARE(dropped, std::size_t(1));
    }
    // The median of an even count is the mean of the two middle values ({1, 3} -> 2, once 3), and
    // unlike the mean it ignores the outlier.
    void medianFillIsTheUsualMedian() {
        for (const auto& [csv, median] : std::vector<std::pair<std::string, float>>{
                 {"x,y\n1,0\n,1\n2,0\n10,1\n", 2.0f}, {"x,y\n10,0\n,1\n1,0\n4,1\n2,0\n", 3.0f}}) {
            const Table t = CsvReader::readText(csv, "median.csv");
            DataSpec spec;
            spec.target = "y";
            spec.missing = MissingPolicy::Median;
            spec.scaling = Scaling::None;
            const auto rows = range(0, t.rowCount());
            const auto p = Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, rows, rows);
            QCOMPARE(p.features(t, rows)(1, 0), median);
        }
    }
    void scaling() {
        const Table t = CsvReader::readText("x,y\n2,0\n4,1\n6,0\n", "s.csv");
        const auto rows = range(0, 3);
        DataSpec spec;
        spec.target = "y";
        spec.scaling = Scaling::MinMax;
        Matrix x = Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, rows, rows).features(t, rows);
        QCOMPARE(x(0, 0), 0.0f);
        QCOMPARE(x(1, 0), 0.5f);
        QCOMPARE(x(2, 0), 1.0f);
        spec.scaling = Scaling::ZScore;
        x = Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, rows, rows).features(t, rows);
        QVERIFY(std::abs(x(1, 0)) < 1e-6f);
        QVERIFY(std::abs(x(2, 0) - float(std::sqrt(1.5))) < 1e-5f); // (6-4)/sqrt(8/3)
        spec.scaling = Scaling::None;
        x = Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, rows, rows).features(t, rows);
        QCOMPARE(x(2, 0), 6.0f);
    }
    void windowsAreRowsOldestFirst() {
        // A window of 3 over x and a factor: each sample is rows t-2, t-1, t, each row encoded as
        // when it stands alone, in any order of samples (repeated ones too).
        const Table t = CsvReader::readText("x,c,y\n1,a,0\n2,b,1\n3,a,0\n4,b,1\n5,a,0\n6,b,1\n", "w.csv");
        DataSpec spec;
        spec.target = "y";
        spec.scaling = Scaling::None;
        spec.optionsFor("c").type = ColumnType::Factor;
        spec.sequence.kind = SequenceKind::Window;
        spec.sequence.length = 3;
        const auto all = range(0, 6);
        // Samples 2..5 have a full window; together they read every row.
        const auto p = Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, range(2, 6), all);
        QVERIFY_THROWS_EXCEPTION(SpecError, Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, all, all));
        // A window of one row encodes a row alone (the past target included), fitted on the same rows.
        DataSpec oneSpec = spec;
        oneSpec.sequence.length = 1;
        const auto one = Preprocessor::fit(t, Schema::resolve(t, oneSpec), oneSpec, TargetKind::Binary, all, all);
        const Matrix rowsAlone = one.features(t, all);
        const Eigen::Index w = rowsAlone.cols();
        QCOMPARE(p.inputWidth(), int(3 * w));
        const std::vector<std::size_t> samples{4, 2, 5, 4, 3};
        const Matrix x = p.features(t, samples);
        QCOMPARE(x.rows(), Eigen::Index(samples.size()));
        for (std::size_t i = 0; i < samples.size(); ++i)
            for (int k = 0; k < 3; ++k)
                QVERIFY2(x.row(Eigen::Index(i)).segment(k * w, w) == rowsAlone.row(Eigen::Index(samples[i]) - 2 + k),
                         qPrintable(QString("sample %1, step %2").arg(i).arg(k)));
        QVERIFY_THROWS_EXCEPTION(SpecError, p.features(t, std::vector<std::size_t>{1}));
    }
    void openVocabulary() {
        const Table train = CsvReader::readText("p,y\ncurry,1\ncurry,0\nklay,1\nklay,0\ngreen,1\n", "train.csv");
        DataSpec spec;
        spec.target = "y";
        spec.optionsFor("p").minCount = 2; // green is rare: shares the unknown bucket
        const auto rows = range(0, 5);
        const auto p = Preprocessor::fit(train, Schema::resolve(train, spec), spec, TargetKind::Binary, rows, rows);
        QCOMPARE(p.inputWidth(), 3); // curry, klay, (unseen)
        QCOMPARE(p.featureNames()[2], std::string("p=(unseen)")); // a level training never saw, not a missing cell
        const Table later = CsvReader::readText("p,y\nklay,1\nthompson,0\ngreen,1\n,0\n", "later.csv");
        const Matrix x = p.features(later, range(0, 4));
        QCOMPARE(x(0, 1), 1.0f);
        QCOMPARE(x(1, 2), 1.0f); // never seen: unknown, no failure
        QCOMPARE(x(2, 2), 1.0f); // rare in training: unknown
        QCOMPARE(x(3, 0), 1.0f); // missing: the most frequent level (curry, first of the tie)
        QCOMPARE(x.sum(), 4.0f);
    }
    void jsonRoundTripIsExact() {
        Table t = CsvReader::readText(kMixed, "mixed.csv");
        DataSpec spec;
        spec.target = "y";
        spec.indicators = true;
        spec.derived = {{"num2", "num^2 + few"}};
        DerivedColumns::apply(t, spec.derived);
        const Schema s = Schema::resolve(t, spec);
        const auto rows = range(0, t.rowCount());
        const auto p = Preprocessor::fit(t, s, spec, TargetKind::Binary, range(0, 8), rows);
        const auto back = Preprocessor::fromJson(Json::parse(p.toJson().dump(2), "pre.json"));
        QCOMPARE(back.toJson().dump(2), p.toJson().dump(2));
        Table fresh = CsvReader::readText(kMixed, "mixed.csv");
        back.deriveColumns(fresh);
        const Matrix a = p.features(t, rows), b = back.features(fresh, rows);
        QCOMPARE(a.cols(), Eigen::Index(p.inputWidth()));
        QVERIFY(a.cwiseEqual(b).all());
        QCOMPARE(back.classes(), (std::vector<std::string>{"0", "1"}));
    }
    void derivedColumns() {
        Table t = CsvReader::readText("x,y,shot dist\n3,4,1\n,1,2\n0,0,3\n", "d.csv");
        DerivedColumns::apply(t, {{"r", "sqrt(x^2+y^2)"}, {"a", "atan2(y, x)"}, {"l", "log(1+shot_dist)"}, {"z", "log(x)"}});
        QCOMPARE(t.column(3).number(0), 5.0f);
        QVERIFY(std::isnan(t.column(3).number(1))); // a missing input gives a missing result
        QCOMPARE(t.column(4).number(0), float(std::atan2(4.0, 3.0)));
        QCOMPARE(t.column(5).number(2), float(std::log(4.0)));
        QVERIFY(std::isnan(t.column(6).number(2))); // log(0) is not a value
        try {
            DerivedColumns::evaluate(t, {"bad", "sqrt(x^2+yy^2)"});
            QFAIL("accepted an unknown name");
        } catch (const FormulaError& e) {
            QCOMPARE(e.position(), 10);
            QVERIFY2(std::string(e.what()).find("yy") != std::string::npos, e.what());
        }
        try {
            DerivedColumns::evaluate(t, {"bad", "(x + 1"});
            QFAIL("accepted a missing parenthesis");
        } catch (const FormulaError& e) {
            QVERIFY(e.position() > 0);
        }
        QVERIFY_THROWS_EXCEPTION(SpecError, DerivedColumns::apply(t, {{"x", "y"}})); // name clash
    }
    void splits() {
        std::vector<std::size_t> rows = range(0, 100);
        std::vector<int> strata(100);
        for (std::size_t i = 0; i < 100; ++i) strata[i] = i < 80 ? 0 : 1;
        const Split s = splitRows(rows, SplitKind::Stratified, strata, 0.2, 0.2, 3);
        auto ones = [](const std::vector<std::size_t>& part) { return std::count_if(part.begin(), part.end(), [](std::size_t r) { return r >= 80; }); };
        QCOMPARE(ones(s.test), 4L);
        QCOMPARE(ones(s.validation), 4L);
        QCOMPARE(ones(s.train), 12L);
        QCOMPARE(s.train.size() + s.validation.size() + s.test.size(), std::size_t(100));
        const Split q = splitRows(rows, SplitKind::Sequential, {}, 0.1, 0.2, 3);
        QCOMPARE(q.train, range(0, 70));
        QCOMPARE(q.validation, range(70, 80));
        QCOMPARE(q.test, range(80, 100));
        const Split r1 = splitRows(rows, SplitKind::Random, {}, 0.2, 0.2, 9), r2 = splitRows(rows, SplitKind::Random, {}, 0.2, 0.2, 9);
        QCOMPARE(r1.test, r2.test);
        QVERIFY(r1.test != range(0, 20));
    }
    void cellParsers() {
        QCOMPARE(*parseDate("1970-01-02"), 1.0);
        QCOMPARE(*parseDate("12/15/16"), *parseDate("2016-12-15"));
        QCOMPARE(*parseDate("04-12-2017"), *parseDate("2017-04-12"));
        QCOMPARE(*parseDate("2016-12-15 12:00"), *parseDate("2016-12-15") + 0.5);
        QVERIFY(!parseDate("2016-02-30"));
        QVERIFY(!parseDate("13/01/2016"));
        QVERIFY(!parseDate("hello"));
        QCOMPARE(parseBoolean("Yes"), std::optional<bool>(true));
        QCOMPARE(parseBoolean("F"), std::optional<bool>(false));
        QVERIFY(!parseBoolean("made"));
    }
    void badCellsNameTheirPosition() {
        const Table t = CsvReader::readText("d,y\n2016-01-01,0\nnot a day,1\n2016-01-03,0\n2016-01-04,1\n", "dates.csv");
        DataSpec spec;
        spec.target = "y";
        spec.optionsFor("d").type = ColumnType::Date;
        const auto rows = range(0, 4);
        try {
            Preprocessor::fit(t, Schema::resolve(t, spec), spec, TargetKind::Binary, rows, rows);
            QFAIL("accepted a bad date");
        } catch (const FileError& e) {
            QCOMPARE(e.line(), std::int64_t(3));
            QCOMPARE(e.column(), std::int64_t(1));
        }
    }
};

QTEST_MAIN(TestPreprocessing)
#include "test_preprocessing.moc"
