#include "CsvReader.h"

#include "CsvScanner.h"
#include "core/Error.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <unordered_set>
#include <sys/stat.h>

namespace layerlab::engine::data {
namespace {

// Turns scanned records into table rows: the header, the width check and the ragged policy.
class TableBuilder {
public:
    TableBuilder(Table& table, const CsvOptions& options) : m_table(table), m_options(options) {}

    void record(const CsvScanner::Fields& fields, std::int64_t line) {
        if (!m_haveHeader) {
            m_haveHeader = true;
            if (m_options.header) return header(fields, line);
            std::vector<std::string> names;
            for (std::size_t i = 0; i < fields.size(); ++i) names.push_back("column" + std::to_string(i + 1));
            m_width = names.size();
            m_table.setHeader(std::move(names));
        }
        if (done()) return;
        if (fields.size() != m_width) {
            const std::string counts = "expected " + std::to_string(m_width) + " fields (as in the header), found " +
                                       std::to_string(fields.size());
            switch (m_options.ragged) {
            case RaggedRows::Error:
                throw FileError(m_table.source(), line, std::int64_t(std::min(fields.size(), m_width)) + 1, counts);
            case RaggedRows::Skip: m_table.noteRaggedRow(false); return;
            case RaggedRows::Pad:
                m_padded = fields;
                m_padded.resize(m_width); // short rows get empty (missing) cells, long rows lose the extra ones
                m_table.noteRaggedRow(true);
                m_table.appendRow(m_padded, line);
                return;
            }
        }
        m_table.appendRow(fields, line);
    }

    bool haveHeader() const { return m_haveHeader; }
    bool done() const { return m_options.maxRows >= 0 && std::int64_t(m_table.rowCount()) >= m_options.maxRows; }

private:
    void header(const CsvScanner::Fields& fields, std::int64_t line) {
        std::vector<std::string> names;
        std::unordered_set<std::string> seen; // wide files (20,000 columns) must not compare every pair
        for (std::size_t i = 0; i < fields.size(); ++i) {
            std::string name(Table::trim(fields[i]));
            if (name.empty()) name = "column" + std::to_string(i + 1);
            if (!seen.insert(name).second)
                throw FileError(m_table.source(), line, std::int64_t(i) + 1, "duplicate column name \"" + name + "\"");
            names.push_back(std::move(name));
        }
        m_width = names.size();
        m_table.setHeader(std::move(names));
        m_table.setHeaderLine(line);
    }

    Table& m_table;
    const CsvOptions& m_options;
    bool m_haveHeader = false;
    std::size_t m_width = 0;
    CsvScanner::Fields m_padded;
};

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};

// Files people pick by mistake: say what they are instead of reading their bytes as one odd column.
void refuseNonText(std::string_view head, const std::string& source) {
    auto startsWith = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    const char* what = nullptr;
    if (startsWith("\xFF\xFE") || startsWith("\xFE\xFF"))
        what = "is UTF-16 text (Excel's \"Unicode Text\"); LayerLab reads UTF-8: save it as \"CSV UTF-8\"";
    else if (startsWith("PK\x03\x04"))
        what = "is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?), not CSV text: save the sheet as CSV";
    else if (startsWith("\xD0\xCF\x11\xE0"))
        what = "is an Office document (an Excel .xls workbook?), not CSV text: save the sheet as CSV";
    else if (startsWith("%PDF"))
        what = "is a PDF document, not CSV text";
    else if (startsWith("\x89PNG\r\n\x1A\n"))
        what = "is a PNG image, not CSV text";
    else if (startsWith("\xFF\xD8\xFF"))
        what = "is a JPEG image, not CSV text";
    else if (startsWith("GIF87a") || startsWith("GIF89a"))
        what = "is a GIF image, not CSV text";
    else if (startsWith(std::string_view("SQLite format 3\0", 16)))
        what = "is an SQLite database, not CSV text: export the table as CSV";
    else if (startsWith("\x7F" "ELF"))
        what = "is a program (an ELF executable), not CSV text";
    else if (startsWith("\x28\xB5\x2F\xFD"))
        what = "is Zstandard-compressed: decompress it (zstd -d) or save it as .csv.gz";
    else if (startsWith("BZh") && head.size() >= 10 && head[3] >= '1' && head[3] <= '9' && head.substr(4, 6) == "\x31\x41\x59\x26\x53\x59")
        what = "is bzip2-compressed: decompress it (bunzip2) or save it as .csv.gz";
    else if (startsWith("\xFD" "7zXZ"))
        what = "is xz-compressed: decompress it (unxz) or save it as .csv.gz";
    else if (startsWith("PAR1"))
        what = "is a Parquet file, not CSV text: write it out as CSV";
    if (what) throw FileError(source, 0, 0, what);
    const auto nul = head.find('\0');
    if (nul != std::string_view::npos) {
        const auto line = 1 + std::count(head.begin(), head.begin() + std::ptrdiff_t(nul), '\n');
        throw FileError(source, line, 0, "holds a NUL byte: a binary file, not CSV text");
    }
}

// zlib passes a file through as plain text unless it starts with both magic bytes, so a gzip file
// cut inside its first two bytes would read as one odd character. A file named .gz must be gzip.
void refuseCutGzipHeader(const std::string& path, const struct stat& st) {
    const bool namedGz = path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    std::array<unsigned char, 2> magic{};
    std::size_t got = 0;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        got = std::fread(magic.data(), 1, magic.size(), f);
        std::fclose(f);
    }
    const bool gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (namedGz && !gzip && st.st_size > 0) {
        if (got >= 1 && magic[0] == 0x1f)
            throw FileError(path, 0, 0, "is truncated: the gzip stream ends inside its header");
        throw FileError(path, 0, 0, "is named .gz but is not a gzip file (its first bytes are not gzip's); rename it if it is plain CSV");
    }
}

// The delimiter of a file: the user's, else sniffed. ';' files are the ones written with decimal
// commas (spreadsheets in locales where ',' is the decimal mark), so their tables read "1,5" as 1.5.
char chooseDelimiter(const CsvOptions& options, std::string_view head, const CsvReader::StartFn& onStart) {
    const char delimiter = options.delimiter ? options.delimiter : CsvReader::sniffDelimiter(head);
    if (onStart) onStart(delimiter);
    return delimiter;
}

} // namespace

char CsvReader::sniffDelimiter(std::string_view text) {
    constexpr std::array<char, 4> candidates{',', ';', '\t', '|'};
    std::array<std::vector<int>, 4> counts;
    bool inQuotes = false;
    int lines = 0;
    std::array<int, 4> current{};
    for (std::size_t i = 0; i < text.size() && lines < 20; ++i) {
        const char c = text[i];
        if (c == '"') inQuotes = !inQuotes;
        if (inQuotes) continue;
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            for (std::size_t k = 0; k < 4; ++k) counts[k].push_back(current[k]);
            current = {};
            ++lines;
            continue;
        }
        for (std::size_t k = 0; k < 4; ++k) current[k] += c == candidates[k];
    }
    if (lines < 20)
        for (std::size_t k = 0; k < 4; ++k) counts[k].push_back(current[k]);
    // Best = appears on the header line and the same number of times on most lines.
    char best = ',';
    double bestScore = 0.0;
    for (std::size_t k = 0; k < 4; ++k) {
        if (counts[k].empty() || counts[k][0] == 0) continue;
        int consistent = 0;
        for (const int n : counts[k]) consistent += n == counts[k][0];
        const double score = double(consistent) / double(counts[k].size()) * 1000.0 + counts[k][0];
        if (score > bestScore) {
            bestScore = score;
            best = candidates[k];
        }
    }
    return best;
}

void CsvReader::scanText(std::string_view text, const std::string& source, const CsvOptions& options, const RecordFn& onRecord,
                         const StartFn& onStart) {
    refuseNonText(text.substr(0, 64u << 10), source);
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    CsvScanner scanner(chooseDelimiter(options, text, onStart), source);
    bool stop = false;
    scanner.scan(text, true, [&](const CsvScanner::Fields& f, std::int64_t line) {
        if (!stop) stop = !onRecord(f, line);
    });
}

void CsvReader::scanFile(const std::string& path, const CsvOptions& options, const RecordFn& onRecord, const CsvProgress& progress,
                         const StartFn& onStart) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw FileError(path, 0, 0, "cannot open the file (it does not exist or is not readable)");
    if (S_ISDIR(st.st_mode)) throw FileError(path, 0, 0, "is a folder, not a CSV file");
    // zlib reads gzip streams and passes any other file through unchanged.
    refuseCutGzipHeader(path, st);
    std::unique_ptr<gzFile_s, GzCloser> in(gzopen(path.c_str(), "rb"));
    if (!in) throw FileError(path, 0, 0, "cannot open the file");
    gzbuffer(in.get(), 1 << 17);
    const std::size_t kChunk = std::max<std::size_t>(1, options.chunkBytes);
    std::string buffer;
    std::size_t start = 0; // unconsumed bytes begin here
    std::unique_ptr<CsvScanner> scanner;
    bool eof = false, stop = false;
    while (!eof && !stop) {
        // Keep the unconsumed tail (a record cut by the chunk end) and append the next chunk.
        buffer.erase(0, start);
        start = 0;
        const std::size_t old = buffer.size();
        buffer.resize(old + kChunk);
        const int n = gzread(in.get(), buffer.data() + old, unsigned(kChunk));
        // zlib reports a cut stream not through n < 0 but through gzerror's Z_BUF_ERROR, with n
        // the bytes it could still inflate: check the state after every read, not only n.
        int code = Z_OK;
        const char* why = gzerror(in.get(), &code);
        if (n < 0 || (code != Z_OK && code != Z_STREAM_END)) {
            const std::int64_t line = scanner ? scanner->line() : 0;
            if (code == Z_BUF_ERROR)
                throw FileError(path, line, 0, "is truncated: the gzip stream ends before its end marker (the file was cut "
                                               "short, e.g. by an unfinished download or copy)");
            throw FileError(path, line, 0, std::string(code == Z_DATA_ERROR ? "is a damaged gzip file: " : "read error: ") +
                                               (why && *why ? why : "unknown"));
        }
        buffer.resize(old + std::size_t(n));
        eof = n == 0 || gzeof(in.get());
        if (progress && !progress(std::uint64_t(gzoffset(in.get())), std::uint64_t(st.st_size))) throw Cancelled();
        const std::string_view text(buffer);
        if (!scanner) {
            // Sniff on the first 64 KiB (or the whole file); a BOM only counts at the very start.
            if (!eof && buffer.size() < (64u << 10)) continue;
            refuseNonText(text.substr(0, 64u << 10), path);
            if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
            scanner = std::make_unique<CsvScanner>(chooseDelimiter(options, text.substr(start), onStart), path);
        }
        start += scanner->scan(text.substr(start), eof, [&](const CsvScanner::Fields& f, std::int64_t line) {
            if (!stop) stop = !onRecord(f, line);
        });
    }
}

Table CsvReader::readText(std::string_view text, const std::string& source, CsvOptions options) {
    Table table(source);
    TableBuilder builder(table, options);
    scanText(text, source, options, [&](const CsvScanner::Fields& f, std::int64_t line) {
        builder.record(f, line);
        return !builder.done();
    }, [&](char delimiter) { table.setDecimalComma(delimiter == ';'); });
    if (!builder.haveHeader()) throw FileError(source, 1, 0, "the file is empty (no header row)");
    table.finish();
    return table;
}

Table CsvReader::readFile(const std::string& path, CsvOptions options, const CsvProgress& progress) {
    Table table(path);
    TableBuilder builder(table, options);
    scanFile(path, options, [&](const CsvScanner::Fields& f, std::int64_t line) {
        builder.record(f, line);
        return !builder.done();
    }, progress, [&](char delimiter) { table.setDecimalComma(delimiter == ';'); });
    if (!builder.haveHeader()) throw FileError(path, 1, 0, "the file is empty (no header row)");
    table.finish();
    return table;
}

const char* CsvReader::raggedName(RaggedRows r) {
    switch (r) {
    case RaggedRows::Error: return "error";
    case RaggedRows::Pad: return "pad";
    case RaggedRows::Skip: return "skip";
    }
    return "?";
}

} // namespace layerlab::engine::data
