// Reads delimited text into a Table, streaming: the file (plain or gzip-compressed, detected from
// its content) is read in chunks, so memory holds the typed columns, not the text. RFC 4180 rules
// are in CsvScanner; here: UTF-8 BOM, delimiter sniffing among ',', ';', tab and '|', decimal
// commas in ';' files, the header row, ragged rows (error, pad or skip), progress and cancel, and a
// clear refusal of files that are not text (UTF-16, workbooks, PDFs, anything with a NUL byte).
// Errors are FileError with the 1-based physical line and field (column) number.
//
// Threading: a reader call runs on the calling thread; the progress callback is called on it,
// between chunks (about every MiB), and may ask to cancel from there.
#pragma once

#include "Table.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace layerlab::engine::data {

enum class RaggedRows { Error, Pad, Skip };

struct CsvOptions {
    char delimiter = 0;                   ///< 0 = sniff
    bool header = true;                   ///< false: columns are named column1, column2, ...
    RaggedRows ragged = RaggedRows::Error; ///< Pad: missing cells empty, extra cells dropped
    std::int64_t maxRows = -1;            ///< stop after this many data rows (previews); -1 = all
    std::size_t chunkBytes = 1 << 20;     ///< read size; tests use tiny chunks to cut every record
};

/// Called between chunks with bytes read so far and the file's size (compressed bytes for gzip);
/// return false to cancel (the reader then throws Cancelled).
using CsvProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

class CsvReader {
public:
    /// Called per record (the header too) with its fields and first line; return false to stop.
    using RecordFn = std::function<bool(const std::vector<std::string_view>& fields, std::int64_t line)>;
    /// Called once, before the first record, with the delimiter in use (given or sniffed).
    using StartFn = std::function<void(char delimiter)>;

    /// Streams the raw records of a file (plain or .gz) after BOM removal and delimiter sniffing;
    /// fields are exactly as parsed (unquoted, not trimmed). Throws FileError or Cancelled.
    static void scanFile(const std::string& path, const CsvOptions& options, const RecordFn& onRecord,
                         const CsvProgress& progress = {}, const StartFn& onStart = {});
    static void scanText(std::string_view text, const std::string& source, const CsvOptions& options, const RecordFn& onRecord,
                         const StartFn& onStart = {});

    /// Reads a file (plain or .gz). Throws FileError (cannot open, malformed, ragged rows, no header)
    /// or Cancelled.
    static Table readFile(const std::string& path, CsvOptions options = {}, const CsvProgress& progress = {});
    /// Same for text already in memory; `source` names it in errors.
    static Table readText(std::string_view text, const std::string& source, CsvOptions options = {});
    /// The most plausible delimiter of the first few lines (outside quotes); ',' when unsure.
    static char sniffDelimiter(std::string_view text);
    static const char* raggedName(RaggedRows r);
};

} // namespace layerlab::engine::data
