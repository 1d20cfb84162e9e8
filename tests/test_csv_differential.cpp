// Differential test: our CSV scanner against libcsv (Debian's libcsv) on seeded
// random files full of quotes, delimiters, embedded CR/LF and stray quotes. Both must produce the
// same records, field by field.
#include "core/Rng.h"
#include "data/CsvReader.h"

#include <csv.h>

#include <QTest>

#include <string>
#include <vector>

using namespace layerlab::engine;
using Records = std::vector<std::vector<std::string>>;

namespace {

struct Oracle {
    Records records;
    std::vector<std::string> current;
};

Records libcsv(const std::string& text, char delimiter) {
    csv_parser p{};
    if (csv_init(&p, CSV_STRICT_FINI) != 0) qFatal("csv_init failed");
    csv_set_delim(&p, static_cast<unsigned char>(delimiter));
    csv_set_space_func(&p, [](unsigned char) { return 0; }); // keep blanks, as we do
    Oracle o;
    auto onField = [](void* s, std::size_t n, void* data) {
        static_cast<Oracle*>(data)->current.emplace_back(static_cast<const char*>(s), n);
    };
    auto onRecord = [](int, void* data) {
        auto* o = static_cast<Oracle*>(data);
        o->records.push_back(std::move(o->current));
        o->current.clear();
    };
    if (csv_parse(&p, text.data(), text.size(), onField, onRecord, &o) != text.size()) qFatal("libcsv: %s", csv_strerror(csv_error(&p)));
    csv_fini(&p, onField, onRecord, &o);
    csv_free(&p);
    return o.records;
}

Records ours(const std::string& text, char delimiter) {
    Records out;
    data::CsvOptions options;
    options.delimiter = delimiter;
    data::CsvReader::scanText(text, "random.csv", options, [&](const std::vector<std::string_view>& f, std::int64_t) {
        out.emplace_back(f.begin(), f.end());
        return true;
    });
    return out;
}

// A field: plain text, sometimes with a stray quote in the middle, or quoted with anything inside.
std::string field(Rng& rng, char delimiter) {
    static const std::string plain = "abcxyz019 .-_";
    std::string s;
    const std::size_t n = rng.below(6);
    const bool quoted = rng.below(3) == 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (quoted) {
            switch (rng.below(8)) {
            case 0: s += "\"\""; break;
            case 1: s += delimiter; break;
            case 2: s += "\n"; break;
            case 3: s += "\r\n"; break;
            default: s += plain[rng.below(plain.size())];
            }
        } else {
            char c = plain[rng.below(plain.size())];
            if (i > 0 && i + 1 < n && rng.below(10) == 0) c = '"'; // a stray quote is kept as text
            if ((i == 0 || i + 1 == n) && c == ' ') c = 'q';       // libcsv strict: no blank before a quote
            s += c;
        }
    }
    return quoted ? "\"" + s + "\"" : s;
}

} // namespace

class TestCsvDifferential : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomFilesAgreeWithLibcsv() {
        for (std::uint64_t seed = 1; seed <= 300; ++seed) {
            Rng rng(seed);
            const char delimiter = ",;\t|"[rng.below(4)];
            const std::size_t columns = 2 + rng.below(4);
            const std::size_t rows = 1 + rng.below(30);
            const char* eol = rng.below(2) ? "\n" : "\r\n";
            std::string text;
            for (std::size_t r = 0; r < rows; ++r) {
                for (std::size_t c = 0; c < columns; ++c) text += (c ? std::string(1, delimiter) : "") + field(rng, delimiter);
                if (r + 1 < rows || rng.below(2)) text += eol;
            }
            const Records want = libcsv(text, delimiter);
            Records got;
            try {
                got = ours(text, delimiter);
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("seed %1: %2; text:\n%3").arg(seed).arg(e.what(), QString::fromStdString(text))));
            }
            QVERIFY2(got == want, qPrintable(QString("seed %1: %2 vs %3 records; text:\n%4")
                                                 .arg(seed).arg(got.size()).arg(want.size()).arg(QString::fromStdString(text))));
        }
    }
};

QTEST_MAIN(TestCsvDifferential)
#include "test_csv_differential.moc"
