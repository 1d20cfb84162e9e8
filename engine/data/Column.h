// One column of a Table, stored once per cell. While the column keeps a dictionary of its texts
// (labels, factors, codes, numbers with few distinct values) a cell is a code into the levels,
// 1, 2 or 4 bytes wide as the level count needs, and each level's number is parsed once. A numeric
// column with many distinct values drops the dictionary and keeps a float per row instead.
// Why: a wide file of small integers is about 2 bytes per cell on disk; a float and a 4-byte code
// per cell made the table 4x the file before anything was trained (issue 18). Now such a cell
// costs 1 byte.
// Not thread-safe while it is built; read-only access from any thread afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::data {

class Column {
public:
    std::string name;
    std::int64_t missing = 0;       ///< empty / NA cells
    std::int64_t firstTextRow = -1; ///< first row whose cell is text that is not a number

    bool isNumeric() const { return firstTextRow < 0; }
    /// True while the column keeps its dictionary: every row has a code and the levels are its
    /// distinct texts in order of first appearance ("" stands for a missing cell).
    bool hasLevels() const { return m_dictionary; }
    std::size_t size() const { return m_rows; }

    /// The cell's number; NaN where it is missing or not a number.
    float number(std::size_t row) const { return m_dictionary ? m_levels[code(row)].number : m_numbers[row]; }
    /// The cell's level (hasLevels() only).
    std::uint32_t code(std::size_t row) const {
        if (m_codeWidth == 1) return m_codes[row];
        if (m_codeWidth == 2) return std::uint32_t(m_codes[2 * row]) | std::uint32_t(m_codes[2 * row + 1]) << 8;
        return wideCode(row);
    }
    std::size_t levelCount() const { return m_levels.size(); }
    std::string_view level(std::size_t k) const {
        const std::size_t begin = k == 0 ? 0 : m_levels[k - 1].end;
        return std::string_view(m_levelText).substr(begin, m_levels[k].end - begin);
    }
    /// Bytes held for the cells and levels (what a wide file's memory is made of).
    std::size_t heapBytes() const;

    // Building (used by Table).
    /// Adds a level whose text is `text` and returns its code; the caller knows it is new.
    /// Throws SpecError past 4 GiB of distinct text in one column.
    std::uint32_t addLevel(std::string_view text, float number);
    /// Appends a row holding level `code` (hasLevels() only).
    void appendCode(std::uint32_t code);
    /// Appends a row holding `value` (a column without levels only).
    void appendNumber(float value) {
        m_numbers.push_back(value);
        ++m_rows;
    }
    /// Keeps a float per row from here on and forgets the levels.
    void dropLevels();
    /// Starts the dictionary again, empty, with no rows (the caller re-adds them).
    void clearToLevels();
    /// Replaces the column by these numbers, without levels (a derived column).
    void setNumbers(std::vector<float> values);
    /// Gives back spare capacity once building ends.
    void shrink();

private:
    struct Level {
        std::uint32_t end = 0; ///< where the level's text ends in m_levelText (8 bytes a level, not 40)
        float number = 0.0f; ///< its reading as a number, NaN when it is none
    };
    std::uint32_t wideCode(std::size_t row) const;
    void widenCodes();

    bool m_dictionary = true;
    std::uint8_t m_codeWidth = 1;        // bytes per code: 1, 2 or 4
    std::size_t m_rows = 0;
    std::vector<std::uint8_t> m_codes;   // little-endian codes, m_codeWidth bytes each
    std::vector<float> m_numbers;        // one per row when there is no dictionary
    std::string m_levelText;             // every level's text, one after another
    std::vector<Level> m_levels;
};

} // namespace layerlab::engine::data
