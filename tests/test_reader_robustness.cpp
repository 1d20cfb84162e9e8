// Every file reader survives damaged input: thousands of seeded random mutations of a CSV, a
// project and a model file (bit flips, inserted quotes/commas/newlines/brackets, truncation) must
// either load or throw the engine's typed Error - never crash, hang or throw anything else.
// Runs under ASan + UBSan in CI, which turns silent memory errors into failures.
#include "core/Error.h"
#include "core/Rng.h"
#include "data/CsvReader.h"
#include "data/Schema.h"
#include "io/AtomicFile.h"
#include "io/Project.h"
#include "model/ModelFile.h"
#include "nn/Network.h"

#include <QTemporaryDir>
#include <QTest>

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

// Returns how many inputs loaded; fails the test on any exception that is not an engine Error.
int fuzz(const std::string& seedText, std::uint64_t seed, int rounds, const std::function<void(const std::string&)>& read) {
    Rng rng(seed);
    int loaded = 0;
    for (int i = 0; i < rounds; ++i) {
        const std::string input = mutate(seedText, rng);
        try {
            read(input);
            ++loaded;
        } catch (const Error&) {
            // expected: a clear, typed error
        } catch (const std::exception& e) {
            QTest::qFail(qPrintable(QString("round %1: untyped exception: %2").arg(i).arg(e.what())), __FILE__, __LINE__);
            return loaded;
        }
    }
    return loaded;
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
        const int loaded = fuzz(text, 1, 3000, [](const std::string& s) { data::CsvReader::readText(s, "fuzz.csv"); });
        QVERIFY(loaded > 0); // some mutations still parse: the harness really reaches the reader
    }
    void project() {
        const std::string text = io::readWholeFile(LAYERLAB_SOURCE_DIR "/samples/o2-noisy-bases/noisy-bases.layerlab");
        const std::string path = m_dir.filePath("fuzz.layerlab").toStdString();
        fuzz(text, 2, 1500, [&](const std::string& s) {
            io::writeFileAtomically(path, s);
            io::Project::load(path);
        });
    }
    void model() {
        const std::string text = model::ModelFile::toJson(smallModel()).dump(1);
        QVERIFY_THROWS_NO_EXCEPTION(model::ModelFile::fromJson(Json::parse(text), "m"));
        fuzz(text, 3, 2000, [](const std::string& s) { model::ModelFile::fromJson(Json::parse(s, "fuzz.llmodel"), "fuzz.llmodel"); });
    }
};

QTEST_APPLESS_MAIN(TestReaderRobustness)
#include "test_reader_robustness.moc"
