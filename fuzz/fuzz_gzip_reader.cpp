// libFuzzer target for the gzip path of the CSV reader: the input is compressed to a .csv.gz
// and cut at an offset the fuzzer picks. The whole file must read exactly as the plain text does;
// every shorter cut must be refused as truncated (zlib reports a cut through gzerror, not a failed
// read: 14 of 20 random cuts once read as a shorter, valid file).
#include "core/Error.h"
#include "data/CsvReader.h"

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

std::string gzip(std::string_view text) {
    z_stream z{};
    require(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK); // 15 + 16: a gzip wrapper
    std::string out(deflateBound(&z, uLong(text.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = uInt(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    require(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace layerlab::engine;
    if (size < 3) return 0;
    const unsigned cutChoice = unsigned(data[0]) << 8 | data[1];
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    const std::string packed = gzip(text);
    // 0xFFFF or more: the whole file; else a cut somewhere inside it (never 0 bytes: an empty file).
    const std::size_t cut = cutChoice >= 0xFF00 ? packed.size() : 1 + cutChoice % packed.size();
    static const std::string path = "/tmp/layerlab-fuzz-" + std::to_string(::getpid()) + ".csv.gz";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        require(f != nullptr);
        require(std::fwrite(packed.data(), 1, cut, f) == cut);
        std::fclose(f);
    }
    std::int64_t plainRows = -1;
    try {
        plainRows = std::int64_t(data::CsvReader::readText(text, path).rowCount());
    } catch (const Error&) {
    }
    try {
        const data::Table t = data::CsvReader::readFile(path);
        require(cut == packed.size());                   // a cut file never reads as valid
        require(std::int64_t(t.rowCount()) == plainRows); // and the whole one reads as the text
    } catch (const FileError& e) {
        if (cut < packed.size()) {
            const std::string why = e.what();
            require(why.find("truncated") != std::string::npos || why.find("damaged") != std::string::npos);
        } else {
            require(plainRows < 0); // the whole file fails only where the text fails
        }
    } catch (const Error&) {
        require(cut == packed.size() && plainRows < 0);
    }
    return 0;
}
