// A columnar table read from a CSV file. Each column (Column.h) keeps, while it has few distinct
// values or any non-numeric one, a dictionary of its texts (levels + a code per row) for class
// labels and factors, and otherwise a float per row; either way it answers each cell's number.
// Row r came from source line rowLine(r), so errors can point back into the file.
#pragma once

#include "Column.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace layerlab::engine::data {

class Table {
public:
    using Column = data::Column;

    explicit Table(std::string source = {}) : m_source(std::move(source)) {}

    const std::string& source() const { return m_source; }
    std::size_t rowCount() const { return m_lines.size(); }
    std::size_t columnCount() const { return m_columns.size(); }
    const Column& column(std::size_t i) const { return m_columns[i]; }
    std::optional<std::size_t> columnIndex(std::string_view name) const;
    std::vector<std::string> columnNames() const;
    std::int64_t rowLine(std::size_t row) const { return m_lines[row]; }
    /// Text of one cell (reconstructed from the number when the dictionary was dropped).
    std::string text(std::size_t column, std::size_t row) const;

    /// Reads "1,5" as 1.5 from here on. For ';'-separated files, which are what spreadsheets write
    /// where the comma is the decimal mark; set by CsvReader before the first row.
    void setDecimalComma(bool on) { m_decimalComma = on; }
    bool decimalComma() const { return m_decimalComma; }

    /// Rows that had the wrong number of fields and were padded / skipped (CsvOptions::ragged).
    std::int64_t paddedRows() const { return m_padded; }
    std::int64_t skippedRows() const { return m_skipped; }

    /// Appends a computed numeric column (a derived column); `values` has one entry per row.
    void addColumn(std::string name, std::vector<float> values);

    // Building (used by CsvReader).
    void setHeader(std::vector<std::string> names);
    /// The line the header came from (the first record; 0 when the table has no file header).
    void setHeaderLine(std::int64_t line) { m_headerLine = line; }
    std::int64_t headerLine() const { return m_headerLine; }
    void appendRow(const std::vector<std::string_view>& cells, std::int64_t line);
    void noteRaggedRow(bool padded) { ++(padded ? m_padded : m_skipped); }
    /// Ends building: frees the build-time dictionaries.
    void finish();

    /// Texts that count as a missing value in any column.
    static bool isMissingText(std::string_view cell);
    /// The cell without leading and trailing spaces and tabs.
    static std::string_view trim(std::string_view cell);
    /// The shortest text that reads back as the same float ("0.1", "21600001", "1e-05"): how
    /// numeric cells are shown, and how predictions and exports write numbers exactly.
    static std::string formatNumber(float v);
    /// The spellings isMissingText accepts (after trimming), for exporters that must match them.
    static const std::vector<std::string>& missingSpellings();
    /// Strict number parser: optional sign, digits, '.', exponent, "inf"/"nan" refused; spaces trimmed.
    static std::optional<float> parseNumber(std::string_view cell);
    /// "1,5" → "1.5" (into `scratch`) when the cell is a number written with a decimal comma;
    /// otherwise the cell unchanged ("Smith, John", "1,234,5").
    static std::string_view decimalPoint(std::string_view cell, std::string& scratch);
    /// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or bytes past U+10FFFF).
    static bool isUtf8(std::string_view text);
    /// The text as UTF-8: unchanged when it already is; otherwise every byte read as Windows-1252,
    /// the code page Excel and older Windows tools save CSV in ("caf\xE9" → "café"). Labels and
    /// column names go through it, so exports (JSON, ONNX strings, C) always hold valid UTF-8.
    static std::string toUtf8(std::string_view text);

private:
    static constexpr std::size_t kNumericLevelLimit = 256;
    static constexpr std::size_t kScanLevels = 16; // up to this many levels are found by a scan, not a map
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using LevelIndex = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;
    void addLevel(Column& c, LevelIndex& index, std::string_view cell);
    static std::uint32_t newLevel(Column& c, std::string_view text);
    void rebuildLevels(std::size_t column);

    std::string m_source;
    std::vector<Column> m_columns;
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> m_byName; // wide files: no linear search per column
    std::vector<LevelIndex> m_index; // build-time dictionaries
    std::vector<std::int64_t> m_lines;
    std::int64_t m_padded = 0, m_skipped = 0;
    std::int64_t m_headerLine = 0;
    bool m_decimalComma = false;
    std::string m_scratch; // appendRow's rewritten cell
};

} // namespace layerlab::engine::data
