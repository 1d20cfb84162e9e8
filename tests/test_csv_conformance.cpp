// CSV conformance: every fixture in tests/fixtures/csv has its expected records or its expected
// error (line, column, words) in expected.json. Each is read whole and in tiny chunks, so every
// record is also cut at every possible place by the streaming reader.
#include "core/Error.h"
#include "core/Json.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"

#include <QTest>

#include <string>
#include <vector>

using namespace layerlab::engine;
using data::CsvReader;

namespace {

const std::string kDir = LAYERLAB_SOURCE_DIR "/tests/fixtures/csv/";
using Records = std::vector<std::vector<std::string>>;

Records scan(const std::string& path, std::size_t chunk) {
    data::CsvOptions o;
    o.chunkBytes = chunk;
    Records out;
    CsvReader::scanFile(path, o, [&](const std::vector<std::string_view>& fields, std::int64_t) {
        out.emplace_back(fields.begin(), fields.end());
        return true;
    });
    return out;
}

QString show(const Records& r) {
    QStringList rows;
    for (const auto& rec : r) {
        QStringList cells;
        for (const auto& c : rec) cells << "[" + QString::fromStdString(c) + "]";
        rows << cells.join(",");
    }
    return rows.join(" / ");
}

} // namespace

class TestCsvConformance : public QObject {
    Q_OBJECT
    Json m_expected;

private Q_SLOTS:
    void initTestCase() { m_expected = Json::parse(io::readWholeFile(kDir + "expected.json"), "expected.json"); }

    void fixtures_data() {
        QTest::addColumn<QString>("name");
        const Json all = Json::parse(io::readWholeFile(kDir + "expected.json"), "expected.json");
        for (const auto& [name, e] : all.asObject())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void fixtures() {
        QFETCH(QString, name);
        const std::string path = kDir + name.toStdString();
        const Json& e = m_expected.at(name.toStdString());
        for (const std::size_t chunk : {std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(7), std::size_t(1) << 20}) {
            const QString where = QString("%1, chunk %2").arg(name).arg(chunk);
            if (const Json* rows = e.find("rows")) {
                Records want;
                for (const Json& r : rows->asArray()) {
                    want.emplace_back();
                    for (const Json& c : r.asArray()) want.back().push_back(c.asString());
                }
                const Records got = scan(path, chunk);
                QVERIFY2(got == want, qPrintable(where + ": got " + show(got) + "  want " + show(want)));
                data::CsvOptions o;
                o.chunkBytes = chunk;
                const auto table = CsvReader::readFile(path, o);
                QCOMPARE(table.rowCount(), want.size() - 1);
            }
            if (const Json* d = e.find("delimiter"))
                QCOMPARE(CsvReader::sniffDelimiter(io::readWholeFile(path)), d->asString()[0]);
            if (const Json* err = e.find("error")) {
                data::CsvOptions o;
                o.chunkBytes = chunk;
                try {
                    CsvReader::readFile(path, o);
                    QFAIL(qPrintable(where + ": accepted a malformed file"));
                } catch (const FileError& x) {
                    QCOMPARE(x.line(), err->at("line").asInt("line", 0, 1 << 30));
                    QCOMPARE(x.column(), err->at("column").asInt("column", 0, 1 << 30));
                    QVERIFY2(x.message().find(err->at("contains").asString()) != std::string::npos, x.what());
                    QCOMPARE(QString::fromStdString(x.file()), QString::fromStdString(path));
                }
            }
            if (const Json* opt = e.find("options")) {
                data::CsvOptions o;
                o.chunkBytes = chunk;
                o.ragged = opt->at("ragged").asString() == "pad" ? data::RaggedRows::Pad : data::RaggedRows::Skip;
                const auto t = CsvReader::readFile(path, o);
                QCOMPARE(std::int64_t(t.rowCount()), opt->at("table_rows").asInt("rows", 0, 1 << 30));
                if (const Json* n = opt->find("padded")) QCOMPARE(t.paddedRows(), n->asInt("padded", 0, 1 << 30));
                if (const Json* n = opt->find("skipped")) QCOMPARE(t.skippedRows(), n->asInt("skipped", 0, 1 << 30));
                if (o.ragged == data::RaggedRows::Pad) {
                    QVERIFY(std::isnan(t.column(2).number(0))); // the padded cell is missing
                    QCOMPARE(t.column(2).number(1), 5.0f);     // the extra field was dropped
                }
            }
            if (const Json* n = e.find("rows_count")) {
                const Records got = scan(path, chunk);
                QCOMPARE(std::int64_t(got.size()), n->asInt("rows", 0, 1 << 30));
                std::vector<std::string> last;
                for (const Json& c : e.at("last").asArray()) last.push_back(c.asString());
                QCOMPARE(got.back(), last);
            }
        }
    }

    void progressAndCancel() {
        const std::string path = kDir + "gzipped.csv.gz";
        data::CsvOptions o;
        o.chunkBytes = 256;
        std::uint64_t last = 0, total = 0;
        int calls = 0;
        bool monotonic = true;
        CsvReader::readFile(path, o, [&](std::uint64_t done, std::uint64_t all) {
            monotonic = monotonic && done >= last;
            last = done;
            total = all;
            ++calls;
            return true;
        });
        QVERIFY(calls > 2);
        QVERIFY(monotonic);
        QCOMPARE(last, total); // the whole compressed file was consumed
        int seen = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, CsvReader::readFile(path, o, [&](std::uint64_t, std::uint64_t) { return ++seen < 2; }));
        QCOMPARE(seen, 2);
    }

    void missingFileAndFolder() {
        QVERIFY_THROWS_EXCEPTION(FileError, CsvReader::readFile(kDir + "nope.csv"));
        QVERIFY_THROWS_EXCEPTION(FileError, CsvReader::readFile(kDir));
    }

    void previewStopsEarly() {
        data::CsvOptions o;
        o.maxRows = 5;
        const auto t = CsvReader::readFile(kDir + "gzipped.csv.gz", o);
        QCOMPARE(t.rowCount(), std::size_t(5));
    }

    void headerless() {
        data::CsvOptions o;
        o.header = false;
        const auto t = CsvReader::readFile(kDir + "lf.csv", o);
        QCOMPARE(t.rowCount(), std::size_t(3));
        QCOMPARE(QString::fromStdString(t.column(2).name), QString("column3"));
    }
};

QTEST_MAIN(TestCsvConformance)
#include "test_csv_conformance.moc"
