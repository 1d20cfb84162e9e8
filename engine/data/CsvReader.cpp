#include "CsvReader.h"

#include "core/Error.h"

#include <array>
#include <deque>
#include <fstream>
#include <sstream>

namespace layerlab::engine::data {
namespace {

// Splits `text` into records of fields. Quoted fields are unescaped into a scratch deque, so the
// string_views handed to the callback are valid only during the callback.
class Scanner {
public:
    Scanner(std::string_view text, char delimiter, const std::string& source)
        : m_text(text), m_delimiter(delimiter), m_source(source) {}

    // Calls onRecord(fields, firstLine) for every non-empty record.
    template <typename F>
    void run(F&& onRecord) {
        std::vector<std::string_view> fields;
        std::deque<std::string> scratch; // a deque never moves its elements, so views stay valid
        while (m_pos < m_text.size()) {
            const std::int64_t recordLine = m_line;
            fields.clear();
            scratch.clear();
            bool endOfRecord = false;
            while (!endOfRecord) {
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    scratch.push_back(quoted(std::int64_t(fields.size()) + 1));
                    fields.emplace_back(scratch.back());
                } else {
                    const std::size_t start = m_pos;
                    while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n' &&
                           m_text[m_pos] != '\r') {
                        if (m_text[m_pos] == '"')
                            throw FileError(m_source, m_line, std::int64_t(fields.size()) + 1,
                                            "quote inside an unquoted field (quote the whole field and double the quote)");
                        ++m_pos;
                    }
                    fields.push_back(m_text.substr(start, m_pos - start));
                }
                if (m_pos >= m_text.size()) {
                    endOfRecord = true;
                } else if (m_text[m_pos] == m_delimiter) {
                    ++m_pos;
                } else {
                    newline();
                    endOfRecord = true;
                }
            }
            if (fields.size() == 1 && fields[0].empty()) continue; // blank line
            onRecord(fields, recordLine);
        }
    }

private:
    void newline() {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
        ++m_pos;
        ++m_line;
    }

    std::string quoted(std::int64_t field) {
        const std::int64_t openLine = m_line;
        ++m_pos;
        std::string out;
        while (true) {
            if (m_pos >= m_text.size())
                throw FileError(m_source, openLine, field, "quoted field is never closed");
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    out += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
                    throw FileError(m_source, m_line, field, "unexpected text after a closing quote");
                return out;
            }
            if (c == '\n' || c == '\r') {
                out += '\n';
                newline();
                continue;
            }
            out += c;
            ++m_pos;
        }
    }

    std::string_view m_text;
    char m_delimiter;
    const std::string& m_source;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
};

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

Table CsvReader::readText(std::string_view text, const std::string& source, CsvOptions options) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const char delimiter = options.delimiter ? options.delimiter : sniffDelimiter(text);
    Table table(source);
    bool haveHeader = false;
    std::size_t width = 0;
    Scanner(text, delimiter, source).run([&](const std::vector<std::string_view>& fields, std::int64_t line) {
        if (!haveHeader) {
            std::vector<std::string> names;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                std::string name(fields[i]);
                while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
                while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
                if (name.empty()) name = "column" + std::to_string(i + 1);
                for (const auto& other : names)
                    if (other == name) throw FileError(source, line, std::int64_t(i) + 1, "duplicate column name \"" + name + "\"");
                names.push_back(std::move(name));
            }
            width = names.size();
            table.setHeader(std::move(names));
            haveHeader = true;
            return;
        }
        if (fields.size() != width)
            throw FileError(source, line, std::int64_t(std::min(fields.size(), width)) + 1,
                            "expected " + std::to_string(width) + " fields (as in the header), found " +
                                std::to_string(fields.size()));
        table.appendRow(fields, line);
    });
    if (!haveHeader) throw FileError(source, 1, 0, "the file is empty (no header row)");
    return table;
}

Table CsvReader::readFile(const std::string& path, CsvOptions options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path, 0, 0, "cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw FileError(path, 0, 0, "read error");
    const std::string text = std::move(buffer).str();
    return readText(text, path, options);
}

} // namespace layerlab::engine::data
