#include "CsvScanner.h"

#include "core/Error.h"

namespace layerlab::engine::data {
namespace {

// Thrown inside scan() when a record runs past the end of a non-final chunk.
struct NeedMore {};

bool isLineEnd(char c) { return c == '\n' || c == '\r'; }
// Bytes that end a run of plain field text: a line end, or a NUL (checked here, as every byte is
// scanned, so a NUL anywhere in the file is refused, not only in the sniffed head).
bool endsRun(char c) { return c == '\n' || c == '\r' || c == '\0'; }

// Steps over one line end (LF, CRLF or CR) at `pos`; false when a CR is the chunk's last byte
// and more text may bring its LF.
bool skipLineEnd(std::string_view text, std::size_t& pos, bool final) {
    if (text[pos] == '\r') {
        if (pos + 1 >= text.size() && !final) return false;
        if (pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    }
    ++pos;
    return true;
}

} // namespace

std::string& CsvScanner::scratch() {
    if (m_scratchUsed == m_scratch.size()) m_scratch.emplace_back();
    std::string& s = m_scratch[m_scratchUsed++];
    s.clear();
    return s;
}

void CsvScanner::refuseNul(std::int64_t line, std::int64_t field) const {
    throw FileError(m_source, line, field, "holds a NUL byte: a binary file or a damaged one, not CSV text");
}

CsvScanner::Field CsvScanner::unquoted(std::string_view text, std::size_t& pos, std::int64_t line, std::int64_t field) {
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != m_delimiter && !endsRun(text[pos])) ++pos;
    if (pos < text.size() && text[pos] == '\0') refuseNul(line, field);
    m_fields.push_back(text.substr(start, pos - start));
    if (pos >= text.size()) return Field::EndOfText;
    return text[pos] == m_delimiter ? Field::Done : Field::EndOfRecord;
}

CsvScanner::Field CsvScanner::quoted(std::string_view text, std::size_t& pos, std::int64_t& line, bool final,
                                     std::int64_t field) {
    const std::int64_t openLine = line;
    std::string& out = scratch();
    ++pos; // the opening quote
    while (true) {
        // Copy runs of plain bytes at once: this loop is the reader's hot path for quoted text.
        std::size_t run = pos;
        while (run < text.size() && text[run] != '"' && !endsRun(text[run])) ++run;
        out.append(text.data() + pos, run - pos);
        pos = run;
        if (pos < text.size() && text[pos] == '\0') refuseNul(line, field);
        if (pos >= text.size()) {
            if (!final) throw NeedMore{};
            throw FileError(m_source, openLine, field, "quoted field is never closed (it opens here)");
        }
        if (isLineEnd(text[pos])) {
            const std::size_t before = pos;
            if (!skipLineEnd(text, pos, final)) throw NeedMore{};
            out.append(text.data() + before, pos - before); // embedded newlines stay verbatim
            ++line;
            continue;
        }
        // A quote: doubled = one literal quote, else the field ends.
        if (pos + 1 >= text.size() && !final) throw NeedMore{};
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
            out += '"';
            pos += 2;
            continue;
        }
        ++pos;
        while (pos < text.size() && isBlank(text[pos])) ++pos; // `"x" ,` is fine
        m_fields.emplace_back(out);
        if (pos >= text.size()) return Field::EndOfText;
        if (text[pos] == m_delimiter) return Field::Done;
        if (isLineEnd(text[pos])) return Field::EndOfRecord;
        throw FileError(m_source, line, field, "unexpected text after a closing quote (a quoted field must end at the delimiter)");
    }
}

std::size_t CsvScanner::scan(std::string_view text, bool final, const RecordFn& onRecord) {
    std::size_t pos = 0;
    std::size_t consumed = 0;
    try {
        while (pos < text.size()) {
            std::int64_t line = m_line;
            const std::int64_t recordLine = line;
            m_fields.clear();
            m_scratchUsed = 0;
            while (true) {
                // A field that opens with a quote (after optional blanks) is a quoted field.
                std::size_t q = pos;
                while (q < text.size() && isBlank(text[q])) ++q;
                if (q >= text.size() && !final) throw NeedMore{};
                const std::int64_t field = std::int64_t(m_fields.size()) + 1;
                const Field f = q < text.size() && text[q] == '"' ? quoted(text, pos = q, line, final, field)
                                                                  : unquoted(text, pos, line, field);
                if (f == Field::Done) {
                    ++pos;
                    continue;
                }
                if (f == Field::EndOfText) {
                    if (!final) throw NeedMore{};
                    break;
                }
                if (!skipLineEnd(text, pos, final)) throw NeedMore{};
                ++line;
                break;
            }
            m_line = line;
            consumed = pos;
            if (m_fields.size() == 1 && isBlankText(m_fields[0])) continue; // blank line, or only spaces and tabs
            onRecord(m_fields, recordLine);
        }
    } catch (const NeedMore&) {
        return consumed; // m_line still names the line of the cut record
    }
    return consumed;
}

} // namespace layerlab::engine::data
