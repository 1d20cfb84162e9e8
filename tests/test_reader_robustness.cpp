// Every file reader survives damaged input: thousands of seeded random mutations of a CSV, a
// project and a model file (bit flips, inserted quotes/commas/newlines/brackets, truncation) must
// either load or throw the engine's typed Error - never crash, hang or throw anything else.
// Runs under ASan + UBSan in CI, which turns silent memory errors into failures.
#include "core/Error.h"
#include "core/Rng.h"
#include "data/CsvReader.h"
#include "data/Schema.h"
#include "io/AtomicFile.h"
#include "project/Project.h"
#include "model/ModelFile.h"
#include "nn/Network.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <functional>
#include <numeric>

using namespace layerlab::engine;

namespace {

std::string mutate(std::string text, Rng& rng) {
    static const char kSpecial[] = {'"', ',', ';', '\n', '\r', '\t', '{', '}', '[', ']', ':', '\\', '0', 'e', '-', '\0'};
    const int edits = 1 + int(rng.below(4));
    for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = rng.below(text.size());
        switch (rng.below(5)) {
        case 0: text[at] = char(text[at] ^ (1 << rng.below(8))); break;
        case 1: text.insert(at, 1, kSpecial[rng.below(sizeof kSpecial)]); break;
        case 2: text.erase(at, 1 + rng.below(8)); break;
        case 3: text.resize(at); break;
        default: text.insert(at, text.substr(rng.below(text.size()), rng.below(32))); break;
        }
    }
    return text;
}

struct Outcome {
    int loaded = 0, refused = 0;
    int placed = 0; ///< refusals that name the file and a place in it (line:column or a field)
    QString unplaced; ///< the first refusal that did not
};

// A refusal a user can act on names the file and where in it: a line (and column), or the field
// of the document ("network.layers[2].units", "\"loss\"", "parameters.data").
bool namesPlace(const FileError& e, const std::string& file) {
    const std::string what = e.what();
    if (what.find(file) == std::string::npos) return false;
    if (e.line() > 0) return true;
    const std::string& m = e.message();
    return m.find('"') != std::string::npos || m.find('.') != std::string::npos || m.find('[') != std::string::npos;
}

// Counts loads and refusals; fails the test on any exception that is not an engine Error.
Outcome fuzz(const std::string& seedText, std::uint64_t seed, int rounds, const std::string& file,
             const std::function<void(const std::string&)>& read) {
    Rng rng(seed);
    Outcome o;
    for (int i = 0; i < rounds; ++i) {
        const std::string input = mutate(seedText, rng);
        try {
            read(input);
            ++o.loaded;
        } catch (const FileError& e) {
            ++o.refused;
            if (namesPlace(e, file)) ++o.placed;
            else if (o.unplaced.isEmpty()) o.unplaced = QString::fromStdString(e.what());
            if (!namesPlace(e, file) && std::getenv("SHOW_UNPLACED")) qInfo("unplaced: %s", e.what());
        } catch (const Error& e) {
            ++o.refused; // typed, but not tied to the file: counted as unplaced
            if (o.unplaced.isEmpty()) o.unplaced = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            QTest::qFail(qPrintable(QString("round %1: untyped exception: %2").arg(i).arg(e.what())), __FILE__, __LINE__);
            return o;
        }
    }
    qInfo("%s: %d loaded, %d refused, %d of them naming a place", file.c_str(), o.loaded, o.refused, o.placed);
    return o;
}

void checkOutcome(const Outcome& o, int rounds) {
    QCOMPARE(o.loaded + o.refused, rounds);
    QVERIFY(o.loaded > 0);                   // some mutations still load: the harness reaches the reader
    QVERIFY(o.refused > rounds / 4);         // and most damage is caught
    QVERIFY2(o.placed == o.refused, qPrintable("a refusal without a place: " + o.unplaced));
}

model::Model smallModel() {
    const auto table = data::CsvReader::readText("a,b,y\n0,1,x\n1,0,z\n0.5,0.5,x\n", "t.csv");
    std::vector<std::size_t> rows(table.rowCount());
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    model::Model m;
    m.network = nn::NetworkSpec::mlp(2, {3}, nn::Activation::Tanh, 2);
    data::DataSpec spec;
    spec.target = "y";
    spec.inputs = {"a", "b"};
    m.preprocessing = data::Preprocessor::fit(table, data::Schema::resolve(table, spec), spec, data::TargetKind::Classes, rows, rows);
    m.parameters.assign(nn::Network(m.network).parameterCount(), 0.25f);
    return m;
}

} // namespace

class TestReaderRobustness : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void csv() {
        const std::string text = "name,\"x, y\",n\r\n\"a \"\"q\"\"\",1.5,NA\r\nb,\"2\n3\",-0\r\n\xEF\xBB\xBF" "c,4e2,7\r\n";
        checkOutcome(fuzz(text, 1, 3000, "fuzz.csv", [](const std::string& s) { data::CsvReader::readText(s, "fuzz.csv"); }), 3000);
    }
    void project() {
        const std::string text = io::readWholeFile(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        const std::string path = m_dir.filePath("fuzz.layerlab").toStdString();
        checkOutcome(fuzz(text, 2, 1500, path, [&](const std::string& s) {
                         io::writeFileAtomically(path, s);
                         project::Project::load(path);
                     }),
                     1500);
    }
    void model() {
        const std::string text = model::ModelFile::toJson(smallModel()).dump(1);
        QVERIFY_THROWS_NO_EXCEPTION(model::ModelFile::fromJson(Json::parse(text), "m"));
        checkOutcome(fuzz(text, 3, 2000, "fuzz.llmodel",
                          [](const std::string& s) { model::ModelFile::fromJson(Json::parse(s, "fuzz.llmodel"), "fuzz.llmodel"); }),
                     2000);
    }
};

QTEST_APPLESS_MAIN(TestReaderRobustness)
#include "test_reader_robustness.moc"
