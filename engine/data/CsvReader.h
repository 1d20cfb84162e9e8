// Reads delimited text into a Table: RFC 4180 quoting (embedded delimiters, quotes and newlines),
// UTF-8 BOM, LF / CRLF / CR line ends, and ',', ';', tab or '|' sniffed from the first lines.
// Errors are FileError with the 1-based physical line and field (column) number.
#pragma once

#include "Table.h"

#include <string>
#include <string_view>

namespace layerlab::engine::data {

struct CsvOptions {
    char delimiter = 0; ///< 0 = sniff
};

class CsvReader {
public:
    /// Reads a whole file. Throws FileError (cannot open, malformed, ragged rows, no header).
    static Table readFile(const std::string& path, CsvOptions options = {});
    /// Same for text already in memory; `source` names it in errors.
    static Table readText(std::string_view text, const std::string& source, CsvOptions options = {});
    /// The most plausible delimiter of the first few lines (outside quotes); ',' when unsure.
    static char sniffDelimiter(std::string_view text);
};

} // namespace layerlab::engine::data
