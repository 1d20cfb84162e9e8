// Splits delimited text into records of fields (RFC 4180), incrementally: text arrives in chunks
// and a record cut by the end of a chunk is left for the next call. Quoted fields keep their
// embedded delimiters, doubled quotes (as one) and newlines verbatim. A quote inside an unquoted
// field is kept as text. Physical line numbers are counted across chunks for error messages.
//
// Not thread-safe; one scanner per file. Field views are valid only during the callback.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace layerlab::engine::data {

class CsvScanner {
public:
    using Fields = std::vector<std::string_view>;
    /// Called with the fields of every non-blank record and the line it starts on.
    using RecordFn = std::function<void(const Fields& fields, std::int64_t line)>;

    CsvScanner(char delimiter, std::string source) : m_delimiter(delimiter), m_source(std::move(source)) {}

    /// Scans the records in `text`. Unless `final`, a record reaching the end of `text` is not
    /// emitted and its bytes are not consumed. Returns the bytes consumed. Throws FileError.
    std::size_t scan(std::string_view text, bool final, const RecordFn& onRecord);

    /// Line the next record starts on (1-based).
    std::int64_t line() const { return m_line; }

private:
    enum class Field { Done, EndOfRecord, EndOfText };
    Field unquoted(std::string_view text, std::size_t& pos, std::int64_t line, std::int64_t field);
    [[noreturn]] void refuseNul(std::int64_t line, std::int64_t field) const;
    Field quoted(std::string_view text, std::size_t& pos, std::int64_t& line, bool final, std::int64_t field);
    std::string& scratch();
    /// Space or tab, unless it is the delimiter (tab-separated files).
    bool isBlank(char c) const { return (c == ' ' || c == '\t') && c != m_delimiter; }
    bool isBlankText(std::string_view s) const {
        for (const char c : s)
            if (!isBlank(c)) return false;
        return true;
    }

    char m_delimiter;
    std::string m_source;
    std::int64_t m_line = 1;
    Fields m_fields;
    std::deque<std::string> m_scratch; // unescaped quoted fields; a deque keeps element addresses
    std::size_t m_scratchUsed = 0;
};

} // namespace layerlab::engine::data
