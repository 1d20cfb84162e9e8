// libFuzzer target for the CSV reader and what reads its table next (type inference, column
// statistics). Any input must give a table or a typed engine error: never a crash, a hang or an
// out-of-bounds access (built with -fsanitize=fuzzer,address,undefined by scripts/fuzz.sh).
#include "core/Error.h"
#include "data/ColumnStats.h"
#include "data/CsvReader.h"
#include "data/Schema.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace layerlab::engine;
    if (size == 0) return 0;
    // The first byte picks the options, the rest is the file.
    data::CsvOptions options;
    const std::uint8_t mode = data[0];
    options.delimiter = "\0,;\t|"[mode % 5];
    options.header = (mode & 0x08) == 0;
    options.ragged = static_cast<data::RaggedRows>((mode >> 4) % 3);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const data::Table table = data::CsvReader::readText(text, "fuzz.csv", options);
        for (std::size_t c = 0; c < table.columnCount(); ++c) {
            (void)data::Schema::infer(table, c);
            (void)data::ColumnStats::compute(table, c);
            for (std::size_t r = 0; r < table.rowCount(); ++r) (void)table.text(c, r);
        }
    } catch (const Error&) {
        // A clear, typed error is a correct answer to a malformed file.
    }
    return 0;
}
